"""A reviewer's scoring while it is being written: kept per browser tab until submitted.

The draft is plain data the page edits through these methods (each returns whether it
changed), so the page only draws; ``submit`` turns it into a ``Review`` in the session.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from workbench.case import Rating
from workbench.review import add_review
from workbench.session import Review, Session


class ReviewDraft(BaseModel):
    covered: dict[str, list[str]] = Field(default_factory=dict)
    ratings: dict[str, Rating | None] = Field(default_factory=dict)
    comments: dict[str, str] = Field(default_factory=dict)
    recommendation: Rating | None = None
    submitted: bool = False

    def tick(self, step_id: str, item_id: str, covered: bool) -> bool:
        chosen = self.covered.setdefault(step_id, [])
        if covered == (item_id in chosen):
            return False
        if covered:
            chosen.append(item_id)
        else:
            chosen.remove(item_id)
        return True

    def rate(self, step_id: str, rating: Rating | None) -> bool:
        if self.ratings.get(step_id) == rating:
            return False
        self.ratings[step_id] = rating
        return True

    def comment(self, step_id: str, text: str) -> bool:
        if self.comments.get(step_id, "") == text:
            return False
        self.comments[step_id] = text
        return True

    def recommend(self, rating: Rating | None) -> bool:
        if self.recommendation == rating:
            return False
        self.recommendation = rating
        return True

    def submit(self, session: Session, reviewer: str, comment: str = "") -> Review:
        """Add the review to the session (same file); the draft is then closed.

        Raises ``ValueError`` without a reviewer name, and never adds a review twice.
        """
        if self.submitted:
            raise ValueError("this review was already submitted")
        review = add_review(session, reviewer, self.covered, self.ratings, self.comments, self.recommendation,
                            comment)
        self.submitted = True
        return review
