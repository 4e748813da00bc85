"""Field types the API's request schemas share."""

from typing import Annotated

from ninja import Field

# A record's id as the database can hold it (a 64-bit integer): a bigger number is refused
# against its field (400), where the database would fail on it.
RecordId = Annotated[int, Field(ge=1, le=2**63 - 1)]
