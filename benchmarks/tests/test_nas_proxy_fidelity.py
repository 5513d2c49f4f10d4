"""The statistics of benchmarks/nas_proxy_fidelity.py, on inputs whose answers are known by hand."""
import json
import math
import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import nas_proxy_fidelity as fidelity  # noqa: E402


def test_ranks_give_ties_their_mean_rank():
    assert fidelity.ranks([3.0, 1.0, 3.0, 2.0]) == [2.5, 0.0, 2.5, 1.0]


def test_spearman_is_one_for_any_increasing_map_and_minus_one_for_a_decreasing_one():
    xs = [0.1, 0.5, 0.2, 0.9, 0.3]
    assert fidelity.spearman(xs, [x ** 3 for x in xs]) == pytest.approx(1.0)
    assert fidelity.spearman(xs, [-x for x in xs]) == pytest.approx(-1.0)


def test_spearman_matches_the_rank_difference_formula_without_ties():
    # rho = 1 - 6 * sum(d^2) / (n (n^2 - 1)); ranks of b are [1, 0, 3, 2, 4], d^2 sums to 4.
    a, b = [1, 2, 3, 4, 5], [2, 1, 4, 3, 5]
    assert fidelity.spearman(a, b) == pytest.approx(1 - 6 * 4 / (5 * 24))


def test_spearman_of_a_constant_is_nan_not_an_error():
    assert math.isnan(fidelity.spearman([1, 2, 3], [7, 7, 7]))


def test_permutation_p_is_small_for_a_perfect_ranking_and_large_for_noise():
    xs = list(range(10))
    assert fidelity.permutation_p(xs, xs, rounds=2000) < 0.01
    assert fidelity.permutation_p(xs, [3, 9, 0, 5, 1, 8, 2, 6, 4, 7], rounds=2000) > 0.2
    assert fidelity.permutation_p(xs, xs[::-1], rounds=2000) < 0.01  # two-sided


def row(network, loss, final, parameters=1000):
    return {"network": network, "parameters": parameters, "validationAccuracy": 1 - loss,
            "validationLoss": loss, "shortTestAccuracy": final, "finalTestAccuracy": final}


def write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return str(path)


def test_summary_orders_quartiles_by_short_loss_best_first(tmp_path, capsys):
    rows = [row(k, loss=k / 10, final=0.99 - k / 1000) for k in range(8)]
    fidelity.summarize([write(tmp_path / "a.jsonl", rows[::-1])])
    summary = json.loads(capsys.readouterr().out)
    assert summary["finalTestByLossQuartile"] == pytest.approx([0.9895, 0.9875, 0.9855, 0.9835])
    assert summary["spearman"]["validationLoss"]["rho"] == pytest.approx(1.0)


def test_comparison_pairs_networks_by_index_whatever_the_line_order(tmp_path, capsys):
    first = [row(k, loss=k / 10, final=0.99 - k / 1000) for k in range(6)]
    second = [row(k, loss=(5 - k) / 10, final=0.99 - k / 1000) for k in range(6)]
    fidelity.compare([write(tmp_path / "a.jsonl", first)], [write(tmp_path / "b.jsonl", second[::-1])])
    spearman = json.loads(capsys.readouterr().out)["spearman"]
    assert spearman["finalWithFinal"]["rho"] == pytest.approx(1.0)
    assert spearman["shortWithShort"]["rho"] == pytest.approx(-1.0)
    assert spearman["firstShortWithSecondFinal"]["rho"] == pytest.approx(1.0)
    assert spearman["secondShortWithFirstFinal"]["rho"] == pytest.approx(-1.0)


def test_comparison_refuses_runs_that_drew_different_networks(tmp_path):
    first = [row(k, loss=k / 10, final=0.99) for k in range(4)]
    second = [row(k, loss=k / 10, final=0.99, parameters=1000 + k) for k in range(4)]
    with pytest.raises(SystemExit, match="network 1 has 1000 parameters"):
        fidelity.compare([write(tmp_path / "a.jsonl", first)], [write(tmp_path / "b.jsonl", second)])


def short_row(network, loss, parameters=1000):
    return {"network": network, "parameters": parameters, "validationAccuracy": 1 - loss, "validationLoss": loss}


def test_against_finals_averages_each_network_over_runs_before_ranking(tmp_path, capsys):
    # The first short run alone swaps networks 0 and 1; its mean with the second ranks all four right.
    first = [short_row(0, 0.30), short_row(1, 0.10), short_row(2, 0.50), short_row(3, 0.60)]
    second = [short_row(0, 0.00), short_row(1, 0.30), short_row(2, 0.40), short_row(3, 0.70)]
    finals = [row(k, loss=0.5, final=0.99 - k / 1000) for k in range(4)]
    other_finals = [row(k, loss=0.5, final=0.99 - k / 1000 - 0.0001) for k in range(4)]
    fidelity.rank_against_finals([write(tmp_path / "a.jsonl", first), write(tmp_path / "b.jsonl", second)],
                                 [write(tmp_path / "f.jsonl", finals), write(tmp_path / "g.jsonl", other_finals)])
    summary = json.loads(capsys.readouterr().out)
    assert summary["networks"] == 4
    assert summary["spearman"]["validationLoss"]["rho"] == pytest.approx(1.0)
    fidelity.rank_against_finals([write(tmp_path / "a.jsonl", first)], [write(tmp_path / "f.jsonl", finals)])
    assert json.loads(capsys.readouterr().out)["spearman"]["validationLoss"]["rho"] == pytest.approx(0.8)


def test_against_finals_refuses_short_and_final_runs_of_different_draws(tmp_path):
    shorts = [short_row(k, k / 10, parameters=2000 if k == 2 else 1000) for k in range(4)]
    finals = [row(k, loss=0.5, final=0.99) for k in range(4)]
    with pytest.raises(SystemExit, match="network 2 has 2000 parameters in the short files"):
        fidelity.rank_against_finals([write(tmp_path / "a.jsonl", shorts)], [write(tmp_path / "f.jsonl", finals)])


def test_summary_of_a_short_only_run_says_to_rank_it_against_finals(tmp_path):
    with pytest.raises(SystemExit, match="--finals"):
        fidelity.summarize([write(tmp_path / "a.jsonl", [short_row(k, k / 10) for k in range(4)])])


def test_comparison_of_a_short_only_run_says_to_rank_it_against_finals(tmp_path):
    finals = [row(k, loss=k / 10, final=0.99) for k in range(4)]
    with pytest.raises(SystemExit, match="--finals"):
        fidelity.compare([write(tmp_path / "a.jsonl", finals)],
                         [write(tmp_path / "b.jsonl", [short_row(k, k / 10) for k in range(4)])])
