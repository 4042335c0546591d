"""Architecture diagrams: Mermaid source per step, starter templates, and the one mutator.

A diagram is stored as text (Mermaid), so it diffs like the answer. Rendering happens in
the browser (Streamlit's ``st.mermaid_chart`` in the app, the inlined bundle in the HTML
report); this module never renders, it only keeps and checks the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.session import Session

MAX_DIAGRAM_CHARS = 50_000  # Mermaid's own maxTextSize: it refuses to render anything longer
DIAGRAM_TYPES = ("flowchart", "graph", "sequenceDiagram", "classDiagram", "stateDiagram", "stateDiagram-v2",
                 "erDiagram", "journey", "gantt", "pie", "mindmap", "timeline", "block", "architecture",
                 "C4Context", "C4Container", "quadrantChart", "sankey", "xychart", "packet")
_FIRST_WORD = re.compile(r"^\s*([A-Za-z0-9-]+)")


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    source: str


TEMPLATES: tuple[Template, ...] = (
    Template("two-stage-recommender", "Two-stage recommender", """\
flowchart LR
    U[User request] --> R[Candidate retrieval<br/>ANN over item embeddings]
    R -->|~1,000 candidates| K[Ranking model]
    K -->|top 50| P[Re-ranking<br/>diversity, business rules]
    P --> S[Feed served]
    FS[(Feature store)] --> K
    S -.->|impressions, clicks| L[(Event logs)]
    L --> T[Training pipeline]
    T -->|new models| R
    T --> K
"""),
    Template("streaming-features", "Streaming feature pipeline", """\
flowchart LR
    E[App events] --> Q[[Event stream<br/>Kafka]]
    Q --> SP[Stream processor<br/>windowed aggregates]
    SP --> ON[(Online store<br/>key-value)]
    Q --> LAKE[(Data lake)]
    LAKE --> B[Batch backfill<br/>point-in-time joins]
    B --> OFF[(Offline store)]
    ON --> M[Model server]
    OFF --> TR[Training]
"""),
    Template("online-offline-serving", "Online/offline serving split", """\
flowchart TB
    subgraph Offline
        D[(Warehouse)] --> TR[Training job]
        TR --> REG[Model registry]
        D --> BS[Batch scoring]
        BS --> C[(Precomputed scores)]
    end
    subgraph Online
        API[API request] --> MS[Model server]
        MS --> FS[(Online features)]
        MS --> C
        MS --> RESP[Response within latency budget]
    end
    REG -->|canary, then rollout| MS
    RESP -.->|logged outcomes| D
"""),
    Template("rag-pipeline", "RAG pipeline", """\
flowchart LR
    DOCS[Documents] --> CH[Chunk and embed]
    CH --> VI[(Vector index)]
    Q[User question] --> QE[Embed query]
    QE --> VI
    VI -->|top-k chunks| RR[Re-ranker]
    RR --> LLM[LLM with grounded prompt]
    LLM --> G[Guardrails<br/>citations, safety]
    G --> A[Answer]
    A -.->|feedback| EV[Evaluation set]
"""),
)


def template(template_id: str) -> Template:
    return next(t for t in TEMPLATES if t.id == template_id)


def diagram_problem(source: str) -> str | None:
    """A quick check before rendering: too long, or no known diagram type on the first line.

    Mermaid's own parser (in the browser) gives the full syntax message; this catches what
    it would only report as "No diagram type detected".
    """
    if len(source) > MAX_DIAGRAM_CHARS:
        return f"The diagram is longer than {MAX_DIAGRAM_CHARS:,} characters."
    lines = [ln for ln in source.splitlines() if ln.strip() and not ln.strip().startswith("%%")]
    if not lines:
        return None
    m = _FIRST_WORD.match(lines[0])
    if not m or not any(m.group(1) == t or m.group(1).startswith(t + "-") for t in DIAGRAM_TYPES):
        return ("The first line must name the diagram type, e.g. `flowchart LR` "
                f"(found `{lines[0].strip()[:40]}`).")
    return None


def set_diagram(session: Session, step_id: str, source: str) -> bool:
    """Store a step's diagram as typed, never cut short; only trailing spaces are trimmed (they
    would force a quoted scalar in the file). Returns whether it changed."""
    rec = session.step(step_id)
    text = "\n".join(line.rstrip() for line in source.strip("\n").splitlines())
    text += "\n" if text else ""  # a final newline keeps it a plain ``|`` block in the file
    if rec.diagram == text:
        return False
    rec.diagram = text
    return True
