"""The answers a careful person gives in the questionnaire, from the facts written down per case
in tests/judge_cases.yml (who uses the AI, whether its output reaches citizens, whether a person
checks it, its role, whether its effects can be undone)."""

from __future__ import annotations

CITIZEN_ROLES = {"answer": "answer", "guide": "guide", "recommend": "recommend", "forecast": "forecast"}
OPS_ROLES = {"routine": "routine", "writing": "routine", "answer": "routine", "analysis": "analysis",
             "judgement": "judgement", "advice": "judgement", "recommend": "judgement", "forecast": "plan"}
INTERNAL_ROLES = {"routine": "search", "answer": "search", "writing": "writing", "advice": "advice",
                  "forecast": "forecast", "judgement": "forecast", "analysis": "forecast"}


def careful_answers(case: dict) -> list[str]:
    checked = case["checked"] in ("yes", "none-needed")
    if case["user"] == "citizen":
        if case["role"] in CITIZEN_ROLES:
            return ["citizen", CITIZEN_ROLES[case["role"]]]
        return ["citizen", "decide", "checked" if checked else "unchecked"]
    if case["public"] == "yes":
        if checked:
            return ["staff", "service", "checked", OPS_ROLES[case["role"]]]
        return ["staff", "service", "direct" if case["role"] == "answer" else "autonomous"]
    if checked:
        return ["staff", "internal", "checked", INTERNAL_ROLES[case["role"]]]
    return ["staff", "internal", "autonomous", "reversible" if case.get("reversible") == "yes" else "irreversible"]
