"""Descriptive statistics and paired comparisons for Monte Carlo results, with the stdlib only.

Confidence intervals and tests use Student's t distribution (exact for normal data, and the
usual large-sample approximation otherwise; with thousands of games it equals the normal one).
Percentiles interpolate linearly between order statistics (numpy's default, Hyndman-Fan type 7).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

CONFIDENCE = 0.95


@dataclass(frozen=True)
class Summary:
    """One measure over the games of one policy."""

    n: int
    mean: float
    sd: float
    median: float
    p5: float
    p95: float
    ci_low: float
    ci_high: float


@dataclass(frozen=True)
class Comparison:
    """A policy against the baseline on the same seeds: the mean paired difference and its test."""

    n: int
    mean_diff: float
    ci_low: float
    ci_high: float
    t: float
    p_value: float

    @property
    def significant(self) -> bool:
        return self.p_value < 1 - CONFIDENCE


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) of already sorted values, by linear interpolation."""
    if not sorted_values:
        return math.nan
    position = (len(sorted_values) - 1) * q / 100
    below = math.floor(position)
    above = min(below + 1, len(sorted_values) - 1)
    weight = position - below
    return sorted_values[below] + (sorted_values[above] - sorted_values[below]) * weight


def mean_and_sd(values: Sequence[float]) -> tuple[float, float]:
    """Mean and sample standard deviation (n - 1); sd is 0 for fewer than two values."""
    n = len(values)
    if n == 0:
        return math.nan, math.nan
    mean = math.fsum(values) / n
    if n < 2:
        return mean, 0.0
    variance = math.fsum((v - mean) ** 2 for v in values) / (n - 1)
    return mean, math.sqrt(variance)


def _half_width(sd: float, n: int) -> float:
    if n < 2:
        return math.nan
    return t_quantile(1 - (1 - CONFIDENCE) / 2, n - 1) * sd / math.sqrt(n)


def summarise(values: Sequence[float]) -> Summary:
    """Mean, sd, median, 5th and 95th percentiles and the 95% confidence interval of the mean."""
    ordered = sorted(values)
    mean, sd = mean_and_sd(ordered)
    half = _half_width(sd, len(ordered))
    return Summary(
        n=len(ordered),
        mean=mean,
        sd=sd,
        median=percentile(ordered, 50),
        p5=percentile(ordered, 5),
        p95=percentile(ordered, 95),
        ci_low=mean - half,
        ci_high=mean + half,
    )


def paired_comparison(values: Sequence[float], baseline: Sequence[float]) -> Comparison:
    """Paired t-test of values[i] - baseline[i] (game i of both policies shares its seed)."""
    if len(values) != len(baseline):
        raise ValueError(f"paired samples differ in length: {len(values)} and {len(baseline)}")
    diffs = [a - b for a, b in zip(values, baseline, strict=True)]
    n = len(diffs)
    mean, sd = mean_and_sd(diffs)
    if n < 2:
        return Comparison(n, mean, math.nan, math.nan, math.nan, math.nan)
    if sd == 0:
        # every pair differs by the same amount: no noise, so either no difference or a certain one
        t = 0.0 if mean == 0 else math.copysign(math.inf, mean)
        return Comparison(n, mean, mean, mean, t, 1.0 if mean == 0 else 0.0)
    se = sd / math.sqrt(n)
    t = mean / se
    half = t_quantile(1 - (1 - CONFIDENCE) / 2, n - 1) * se
    return Comparison(n, mean, mean - half, mean + half, t, t_two_sided_p(t, n - 1))


# --- Student's t distribution ---------------------------------------------------------------


def _beta_continued_fraction(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta function (modified Lentz's method)."""
    tiny, epsilon = 1e-300, 1e-15
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 500):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1 + numerator * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= c * d
        if abs(c * d - 1) < epsilon:
            break
    return result


def regularized_beta(a: float, b: float, x: float) -> float:
    """I_x(a, b), the regularized incomplete beta function."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1) / (a + b + 2):
        return math.exp(log_front) * _beta_continued_fraction(a, b, x) / a
    return 1 - math.exp(log_front) * _beta_continued_fraction(b, a, 1 - x) / b


def t_two_sided_p(t: float, df: float) -> float:
    """P(|T| >= |t|) for Student's t with df degrees of freedom."""
    if math.isinf(t):
        return 0.0
    return regularized_beta(df / 2, 0.5, df / (df + t * t))


@cache
def t_quantile(probability: float, df: float) -> float:
    """The t value below which `probability` of Student's t distribution lies (0.5 < p < 1)."""
    tail = 2 * (1 - probability)
    low, high = 0.0, 1.0
    while t_two_sided_p(high, df) > tail:
        high *= 2
    for _ in range(200):
        middle = (low + high) / 2
        if t_two_sided_p(middle, df) > tail:
            low = middle
        else:
            high = middle
        if high - low < 1e-12:
            break
    return (low + high) / 2
