"""Every ``WORKBENCH_*`` setting, read and checked in one place.

The app, the CLI and the library read their configuration through ``read()``, so a
variable is parsed one way everywhere and documented once (README, "Configuration").
``check_startup`` is what the app and ``python -m workbench check-config`` run first: a
malformed value, an unreadable team file or a store that cannot be reached stops
start-up with one line (``SettingsError``), never a traceback.
"""

from __future__ import annotations

import argparse
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from fsspec.registry import known_implementations, registry
from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from workbench.access import Team

PREFIX = "WORKBENCH_"
AUTH_KEYS = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")


class SettingsError(Exception):
    """A setting that stops start-up; the message is one line for the operator."""


class Settings(BaseSettings):
    """The ``WORKBENCH_*`` environment variables (README: Configuration)."""

    model_config = SettingsConfigDict(env_prefix=PREFIX, extra="ignore", frozen=True)

    store: str = Field(default="./sessions", description="a folder or an fsspec URL (s3://bucket/prefix)")
    cases: str = Field(default="", description="extra case folders, os.pathsep-separated")
    s3_endpoint_url: str = Field(default="", description="an S3-compatible endpoint for s3:// stores")
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: SecretStr = SecretStr("")
    llm_timeout_s: float = Field(default=20.0, gt=0, le=3600)
    team: str = Field(default="", description="path to the team file (TOML or YAML): who is an interviewer or reviewer")
    cache: str = Field(default="", description="folder for the parsed case library between runs "
                       "(default: $XDG_CACHE_HOME/mlsd-workbench or ~/.cache/mlsd-workbench); off to disable")
    link_secret: SecretStr = Field(default=SecretStr(""), description="signs candidate and reviewer links "
                                   "(32+ characters; a new one revokes them all)")

    @field_validator("store")
    @classmethod
    def _store_url(cls, v: str) -> str:
        v = v.strip() or "./sessions"
        if "://" in v:
            protocol = v.split("://", 1)[0]
            if protocol not in known_implementations and protocol not in registry:
                raise ValueError(f"unknown storage protocol {protocol!r}")
        return v

    @field_validator("link_secret")
    @classmethod
    def _long_secret(cls, v: SecretStr) -> SecretStr:
        if v.get_secret_value() and len(v.get_secret_value()) < 32:
            raise ValueError("too short: use at least 32 random characters")
        return v

    @field_validator("s3_endpoint_url", "llm_base_url")
    @classmethod
    def _http_url(cls, v: str) -> str:
        v = v.strip()
        if v and not v.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        return v

    def case_folders(self) -> list[Path]:
        return [Path(p.strip()).expanduser() for p in self.cases.split(os.pathsep) if p.strip()]

    def cache_dir(self) -> Path | None:
        """Where the parsed library is kept between runs; None when switched off."""
        if self.cache.strip().lower() == "off":
            return None
        if self.cache.strip():
            return Path(self.cache.strip()).expanduser()
        base = os.environ.get("XDG_CACHE_HOME", "").strip() or Path.home() / ".cache"
        return Path(base) / "mlsd-workbench"


class _FromMapping(Settings):
    """The same settings read from a given mapping instead of the process environment."""

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings,  # type: ignore[override]
                                   file_secret_settings):
        return (init_settings,)


_memo: dict[tuple[tuple[str, str], ...], Settings] = {}


def _one_line(exc: ValidationError, env_names: bool = True) -> str:
    """Every problem, each named by its variable (or its key in a file), on one line."""
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"])
        name = PREFIX + where.upper() if env_names else where
        parts.append(f"{name}: {err['msg']}")
    return "; ".join(parts)


def read(env: Mapping[str, str] | None = None) -> Settings:
    """The settings from ``env`` (default: the process environment); SettingsError if malformed.

    Memoised on the ``WORKBENCH_*`` values, so calling it on every rerun costs a scan of
    the environment, not a validation.
    """
    source = os.environ if env is None else env
    key = tuple(sorted((k, v) for k, v in source.items() if k.startswith(PREFIX)))
    found = _memo.get(key)
    if found is not None:
        return found
    values = {k[len(PREFIX):].lower(): v for k, v in key}
    try:
        settings = _FromMapping(**{k: v for k, v in values.items() if k in Settings.model_fields and v.strip()})
    except ValidationError as exc:
        raise SettingsError(_one_line(exc)) from None
    if len(_memo) > 64:
        _memo.clear()
    _memo[key] = settings
    return settings


def load_team(settings: Settings, secrets: Mapping[str, Any] | None = None) -> Team:
    """The team: ``WORKBENCH_TEAM``'s file, else ``[workbench.team]`` in secrets, else nobody."""
    raw: Any = None
    if settings.team:
        path = Path(settings.team).expanduser()
        try:
            text = path.read_text(encoding="utf-8")
            raw = tomllib.loads(text) if path.suffix == ".toml" else yaml.safe_load(text)
        except OSError as exc:
            raise SettingsError(f"WORKBENCH_TEAM: cannot read {path}: {exc.strerror or exc}") from None
        except (tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
            raise SettingsError(f"WORKBENCH_TEAM: {path} is not valid: {str(exc).splitlines()[0]}") from None
        where = "WORKBENCH_TEAM"
    else:
        raw = ((secrets or {}).get("workbench") or {}).get("team")
        where = "[workbench.team] in secrets.toml"
    try:
        return Team.model_validate(dict(raw or {}))
    except (ValidationError, TypeError, ValueError) as exc:
        detail = _one_line(exc, env_names=False) if isinstance(exc, ValidationError) else str(exc)
        raise SettingsError(f"{where}: {detail}") from None


def check_auth(secrets: Mapping[str, Any] | None) -> bool:
    """Whether sign-in is on (an ``[auth]`` section); SettingsError if it lacks a key Streamlit needs."""
    auth = (secrets or {}).get("auth")
    if auth is None:
        return False
    missing = [k for k in AUTH_KEYS if not auth.get(k)]
    if missing:
        raise SettingsError(f"[auth] in secrets.toml is missing {', '.join(missing)}")
    if len(str(auth.get("cookie_secret"))) < 32:
        raise SettingsError("[auth] cookie_secret is too short: use at least 32 random characters")
    return True


def check_startup(secrets: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Everything start-up needs, checked: the settings, the team, sign-in, and the store.

    Raises SettingsError with one line naming what is wrong.
    """
    from workbench.store import open_store

    settings = read(env)
    load_team(settings, secrets)
    check_auth(secrets)
    for folder in settings.case_folders():
        if not folder.is_dir():
            raise SettingsError(f"WORKBENCH_CASES: {folder} is not a folder")
    try:
        options: dict[str, Any] = {}
        if settings.store.startswith(("s3://", "s3a://")):  # a probe: fail in seconds, not after every retry
            options = {"config_kwargs": {"connect_timeout": 5, "retries": {"max_attempts": 1}}}
            if settings.s3_endpoint_url:
                options["endpoint_url"] = settings.s3_endpoint_url
        store = open_store(settings.store, storage_options=options)
        try:
            store.fs.ls(store.root)
        except FileNotFoundError:  # an object store's prefix with nothing saved yet: is the bucket there?
            if store.local:
                raise
            store.fs.ls(store.root.split("/", 1)[0])
    except Exception as exc:  # any backend's failure becomes the one line
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise SettingsError(f"WORKBENCH_STORE: cannot reach {settings.store}: {message}") from None
    return settings


def read_secrets_file(path: Path) -> dict[str, Any]:
    """``.streamlit/secrets.toml`` as the CLI sees it (the app uses ``st.secrets``)."""
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"{path}: {str(exc).splitlines()[0]}") from None


def cmd_check_config(args: argparse.Namespace) -> int:
    try:
        settings = check_startup(read_secrets_file(Path(args.secrets)))
    except SettingsError as exc:
        print(f"configuration error: {exc}")
        return 1
    print(f"configuration ok: store {settings.store}")
    return 0


def add_check_config_parser(sub: Any) -> None:
    p = sub.add_parser("check-config", help="check WORKBENCH_* settings, secrets.toml and the store (exit 1 if bad)")
    p.add_argument("--secrets", default=".streamlit/secrets.toml", help="the secrets file to check")
    p.set_defaults(func=cmd_check_config)
