"""Statistics of analysis mode, checked against small cases worked by hand and Student's t tables."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.analysis.stats import (
    paired_comparison,
    percentile,
    summarise,
    t_quantile,
    t_two_sided_p,
)


def test_summary_of_one_to_five_by_hand() -> None:
    # mean 3; sample variance (4+1+0+1+4)/4 = 2.5; se = sqrt(2.5/5) = sqrt(0.5);
    # t(0.975, 4 df) = 2.7764 from the table, so the CI is 3 +- 1.9632.
    # p5: position 0.05 * 4 = 0.2 -> 1 + 0.2 * (2 - 1) = 1.2; p95: position 3.8 -> 4.8.
    summary = summarise([5, 3, 1, 4, 2])
    assert summary.n == 5
    assert summary.mean == 3
    assert summary.sd == pytest.approx(math.sqrt(2.5))
    assert summary.median == 3
    assert summary.p5 == pytest.approx(1.2)
    assert summary.p95 == pytest.approx(4.8)
    assert summary.ci_low == pytest.approx(3 - 2.7764 * math.sqrt(0.5), abs=1e-4)
    assert summary.ci_high == pytest.approx(3 + 2.7764 * math.sqrt(0.5), abs=1e-4)


def test_median_of_an_even_count_is_the_middle_pair_average() -> None:
    assert summarise([10, 1, 4, 7]).median == 5.5
    assert percentile([2.0], 95) == 2.0


def test_paired_comparison_by_hand() -> None:
    # differences 1, 2, 0, 3, 3: mean 1.8; variance (0.64+0.04+3.24+1.44+1.44)/4 = 1.7;
    # se = sqrt(1.7/5) = 0.5831; t = 1.8 / 0.5831 = 3.087; two-sided p with 4 df = 0.0367.
    comparison = paired_comparison([5, 7, 6, 9, 8], [4, 5, 6, 6, 5])
    assert comparison.n == 5
    assert comparison.mean_diff == pytest.approx(1.8)
    assert comparison.t == pytest.approx(1.8 / math.sqrt(1.7 / 5))
    assert comparison.p_value == pytest.approx(0.0367, abs=5e-4)
    assert comparison.ci_low == pytest.approx(1.8 - 2.7764 * math.sqrt(1.7 / 5), abs=1e-4)
    assert comparison.significant


def test_the_pairing_matters_not_only_the_means() -> None:
    # same values, pairs shuffled: the mean difference is unchanged but the noise is not
    paired = paired_comparison([1, 2, 3, 4, 5, 6], [0.4, 1.6, 2.5, 3.4, 4.6, 5.5])
    shuffled = paired_comparison([1, 2, 3, 4, 5, 6], [5.5, 2.5, 0.4, 4.6, 1.6, 3.4])
    assert paired.mean_diff == pytest.approx(shuffled.mean_diff)
    assert paired.significant and not shuffled.significant


@pytest.mark.parametrize(
    ("df", "expected"),
    [(1, 12.706), (4, 2.776), (10, 2.228), (30, 2.042), (120, 1.980), (100_000, 1.960)],
)
def test_t_quantiles_match_the_printed_table(df: int, expected: float) -> None:
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=1e-3)


def test_t_p_values_match_known_points() -> None:
    assert t_two_sided_p(2.228, 10) == pytest.approx(0.05, abs=2e-4)
    assert t_two_sided_p(1.0, 1) == pytest.approx(0.5)
    assert t_two_sided_p(0.0, 7) == pytest.approx(1.0)
    assert t_two_sided_p(math.inf, 7) == 0.0


def test_degenerate_samples() -> None:
    same = paired_comparison([3, 4, 5], [3, 4, 5])
    assert same.mean_diff == 0 and same.p_value == 1 and not same.significant
    shifted = paired_comparison([4, 5, 6], [3, 4, 5])
    assert shifted.mean_diff == 1 and shifted.p_value == 0 and shifted.significant
    single = summarise([7])
    assert single.mean == 7 and single.sd == 0 and math.isnan(single.ci_low)
    assert math.isnan(paired_comparison([1], [2]).p_value)
    with pytest.raises(ValueError, match="differ in length"):
        paired_comparison([1, 2], [1])


@given(st.lists(st.integers(min_value=-1000, max_value=5000), min_size=2, max_size=60))
def test_summary_orders_its_figures(values: list[int]) -> None:
    summary = summarise(values)
    assert min(values) <= summary.p5 <= summary.median <= summary.p95 <= max(values)
    assert summary.ci_low <= summary.mean <= summary.ci_high
