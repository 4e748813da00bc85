"""Writes for consultations. Views, the API, the demo and scheduled jobs call these; nothing else writes.

Split by concept: the consultation and its questions (`consultations`), the
anonymous responses (`responses`), and what staff make of them (`findings`).
"""

from .consultations import (  # noqa: F401
    consultation_close,
    consultation_create,
    consultation_open,
    consultation_publish_response,
    consultation_update,
    question_add,
    question_delete,
    question_move,
    question_update,
)
from .findings import (  # noqa: F401
    answer_codings_set,
    theme_create,
    you_said_we_did_add,
    you_said_we_did_publish,
    you_said_we_did_update,
)
from .responses import (  # noqa: F401
    answer_error,
    consultation_responses_erase,
    normalise_text,
    response_submit,
)

__all__ = [
    "answer_codings_set",
    "answer_error",
    "consultation_close",
    "consultation_create",
    "consultation_open",
    "consultation_publish_response",
    "consultation_responses_erase",
    "consultation_update",
    "normalise_text",
    "question_add",
    "question_delete",
    "question_move",
    "question_update",
    "response_submit",
    "theme_create",
    "you_said_we_did_add",
    "you_said_we_did_publish",
    "you_said_we_did_update",
]
