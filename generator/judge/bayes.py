"""The arithmetic of one question's estimate, shared by estimating (estimate.py) and by fitting the
counts to the examples (model.py). finder.js does the same in the browser.

Each option starts from the number of results behind it (without any clue, every result is equally
likely); each known token of the description adds the log of its smoothed share in the option's
counts, divided by TEMPERATURE so that a long description does not make the estimate overconfident.
"""

from __future__ import annotations

import math

TEMPERATURE = 6.0  # evidence from many tokens counts less than their naive product would say
ALPHA = 0.5  # additive smoothing of the token counts


def leaves(tree, option) -> int:
    """How many results lie behind an option."""
    if option.result:
        return 1
    return sum(leaves(tree, o) for o in tree.question(option.next).options)


def option_logs(priors: list[float], counts: dict, totals, tokens: list[str]) -> list[float]:
    """Each option's log score: `priors` (log of leaves), `counts` token → count per option."""
    vocabulary = len(counts)
    logs = []
    for index, prior in enumerate(priors):
        log = prior
        denominator = totals[index] + ALPHA * vocabulary
        for token in tokens:
            row = counts.get(token)
            if row is not None:
                log += math.log((row[index] + ALPHA) / denominator) / TEMPERATURE
        logs.append(log)
    return logs


def probabilities(logs: list[float]) -> list[float]:
    top = max(logs)
    weights = [math.exp(log - top) for log in logs]
    total = sum(weights)
    return [weight / total for weight in weights]
