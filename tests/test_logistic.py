"""The bank model's logistic regressions: scikit-learn's objective, our solver."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix, hstack
from scipy.sparse import random as sparse_random

from advisor.pipeline import learned
from advisor.pipeline.logistic import Design, fit_logistic


def _design(rng: np.random.Generator, rows: int = 400, dense: int = 8, sparse: int = 200) -> Design:
    """Dense columns (as the USE vector) beside sparse ones (as n-grams)."""
    block = rng.normal(size=(rows, dense)).astype(np.float32)
    grams = sparse_random(
        rows, sparse, density=0.05, random_state=rng, format="csr", dtype=np.float32
    )
    return Design(block, grams)


def _stacked(x: Design) -> csr_matrix:
    return hstack([csr_matrix(x.dense), x.sparse], format="csr", dtype=np.float64)


@pytest.mark.parametrize(
    ("classes", "class_weight"), [(2, None), (2, "balanced"), (5, None), (4, "balanced")]
)
def test_the_solver_reaches_scikit_learns_logistic_regression(
    classes: int, class_weight: str | None
) -> None:
    """The same objective, so the same weights and probabilities as scikit-learn's
    lbfgs held to a tight tolerance: binomial with one logit row for two classes,
    multinomial for more, balanced class weights, the intercepts unpenalised."""
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(classes)
    x = _design(rng)
    logits = _stacked(x) @ rng.normal(size=(x.columns, classes)) * 1.5
    skew = np.arange(classes) * 0.8  # unequal classes, for the class weights
    labels = [f"c{v}" for v in np.argmax(logits + skew, axis=1)]

    theirs = LogisticRegression(C=2.0, tol=1e-10, max_iter=10_000, class_weight=class_weight)
    theirs.fit(_stacked(x), labels)
    ours = fit_logistic(x, labels, 2.0, class_weight, tol=1e-7)

    assert ours.converged
    assert list(ours.classes_) == list(theirs.classes_)
    assert ours.coef_.shape == theirs.coef_.shape  # (1, columns) for two classes
    np.testing.assert_allclose(ours.coef_, theirs.coef_, atol=2e-3)
    np.testing.assert_allclose(ours.intercept_, theirs.intercept_, atol=2e-3)
    np.testing.assert_allclose(ours.predict_proba(x), theirs.predict_proba(_stacked(x)), atol=1e-3)


def test_one_class_or_a_value_that_is_not_finite_is_no_head() -> None:
    x = _design(np.random.default_rng(1), rows=20)
    with pytest.raises(ValueError, match="two classes"):
        fit_logistic(x, ["same"] * 20, 2.0)
    x.dense[3, 2] = np.nan
    with pytest.raises(ValueError, match="not finite"):
        fit_logistic(x, ["a", "b"] * 10, 2.0)


def test_a_head_that_runs_out_of_iterations_says_it_did_not_converge() -> None:
    x = _design(np.random.default_rng(2))
    labels = [str(v > 0) for v in x.dense[:, 0]]
    assert not fit_logistic(x, labels, 2.0, max_iter=2).converged
    assert fit_logistic(x, labels, 2.0).converged


def test_heads_fitted_on_every_core_are_those_fitted_one_after_another() -> None:
    """Exactly, whatever the BLAS thread count: large enough for a threaded BLAS
    to split the dense products, which would sum them in another order."""
    from threadpoolctl import threadpool_limits

    x = _design(np.random.default_rng(7), rows=3000, dense=128, sparse=2000)
    dense = x.dense
    heads = {
        "three": learned._Head([str(v) for v in (dense[:, 0] > 0).astype(int) + (dense[:, 1] > 0)]),
        "rare": learned._Head([str(v > 1.2) for v in dense[:, 2]], 10.0, "balanced"),
        "two": learned._Head([str(v > 0) for v in dense[:, 3]]),
    }
    together = learned._fit_heads(x, heads)
    assert list(together) == list(heads)
    for name, head in heads.items():
        with threadpool_limits(limits=2, user_api="blas"):
            alone = learned._fit_head(x, head)
        assert list(together[name].classes_) == list(alone.classes_)
        np.testing.assert_array_equal(together[name].coef_, alone.coef_)
        np.testing.assert_array_equal(together[name].intercept_, alone.intercept_)
