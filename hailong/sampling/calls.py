"""Call outcome rules (a table, not an if-chain) and the next state of a sampled member.

| outcome      | the member                                                     |
|--------------|----------------------------------------------------------------|
| answered     | completed: leaves the list (only with a stored interview)      |
| no answer    | tried again ``NO_ANSWER_RETRY`` later                          |
| call back    | tried again at the agreed time                                 |
| refused      | refused: leaves the list                                       |
| wrong number | wrong number: leaves the list                                  |

Every call counts as an attempt; a member still open after ``max_attempts`` calls is
exhausted and leaves the list too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hailong.sampling.models import CallOutcome, CallStatus

NO_ANSWER_RETRY = dt.timedelta(hours=3)


@dataclass(frozen=True)
class OutcomeRule:
    closes: str | None = None  # the member's final status, when this outcome ends the calls
    retry_after: dt.timedelta | None = None  # when to try again (unless a time was agreed)
    needs_time: bool = False  # the interviewer must give the agreed time
    needs_interview: bool = False  # recorded only together with the stored interview


RULES: dict[str, OutcomeRule] = {
    CallOutcome.ANSWERED: OutcomeRule(closes=CallStatus.COMPLETED, needs_interview=True),
    CallOutcome.NO_ANSWER: OutcomeRule(retry_after=NO_ANSWER_RETRY),
    CallOutcome.CALL_BACK: OutcomeRule(needs_time=True),
    CallOutcome.REFUSED: OutcomeRule(closes=CallStatus.REFUSED),
    CallOutcome.WRONG_NUMBER: OutcomeRule(closes=CallStatus.WRONG_NUMBER),
}


@dataclass(frozen=True)
class CallState:
    status: str
    attempts: int
    next_attempt_at: dt.datetime | None


def next_state(
    outcome: str,
    *,
    attempts: int,
    max_attempts: int,
    now: dt.datetime,
    call_back_at: dt.datetime | None = None,
) -> CallState:
    """The member's state after one more call with ``outcome`` (``attempts`` made before it)."""
    rule = RULES[outcome]
    made = attempts + 1
    if rule.closes is not None:
        return CallState(rule.closes, made, None)
    if made >= max_attempts:
        return CallState(CallStatus.EXHAUSTED, made, None)
    if rule.needs_time:
        return CallState(CallStatus.OPEN, made, call_back_at)
    assert rule.retry_after is not None
    return CallState(CallStatus.OPEN, made, now + rule.retry_after)
