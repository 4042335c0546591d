# MLSD Workbench as one replica. Several replicas, a shared S3 bucket and sign-in: docs/deploy.md.
# Pinned base (exact tag; pin the digest too in your registry: `docker buildx imagetools inspect`).
FROM python:3.11.14-slim-bookworm

# Sessions: a local folder suits one replica only; a team sets WORKBENCH_STORE=s3://bucket/prefix.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    WORKBENCH_STORE=/data/sessions

WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt

# Code and cases are owned by root and read-only to the app; only /data is writable.
COPY app.py ./
COPY .streamlit/config.toml ./.streamlit/config.toml
COPY app_pages ./app_pages
COPY components ./components
COPY workbench ./workbench
COPY cases ./cases
RUN useradd --create-home --uid 10001 workbench \
    && mkdir -p /data/sessions && chown -R workbench /data
USER workbench

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]

# Secrets ([auth], [workbench.team], link_secret) come from a mounted file:
#   -v /path/secrets.toml:/app/.streamlit/secrets.toml:ro
# Everything else from WORKBENCH_* and AWS_* variables. A bad setting or an unreachable store
# stops the container with one line (check-config) before the server starts.
# Listening on 0.0.0.0 inside the container: publish it only behind sign-in ([auth]) or a private network.
CMD ["sh", "-c", "python -m workbench check-config && exec streamlit run app.py --server.address=0.0.0.0 --server.port=8501 --server.headless=true"]
