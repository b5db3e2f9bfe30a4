"""Logistic regression for the case-bank model's heads, fitted by L-BFGS over
features that are part dense (the question's USE vector) and part sparse (its
word and character n-grams).

The objective is scikit-learn's ``LogisticRegression`` (lbfgs) objective, term
for term: the sample-weighted mean of the log loss (multinomial for three
classes or more, binomial with one logit row for two) plus ``||W||² / (2 C S)``,
S the sum of the sample weights, the intercepts unpenalised, ``"balanced"``
class weights ``n / (k × count)``. It is convex, and strictly so in the
weights, so any solver that converges reaches the same weights; a test holds
this one to scikit-learn's.

Why not scikit-learn's own solver: it takes one sparse matrix, so the USE block
(512 dense columns, over half the non-zeros) is multiplied as sparse, and its
L-BFGS-B keeps double-precision history of every weight. On the bank (9,560
questions, 79,000 features, 33 classes for the decisive clause) those two were
three quarters of training. Here the dense block goes to BLAS and the history
is kept in single precision (the features are single precision already).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # SciPy is imported when training, not when serving
    from scipy.sparse import csr_matrix

_HISTORY = 10  # L-BFGS correction pairs (scipy's default)
_MAX_LINE_SEARCH = 50


@dataclass(frozen=True)
class Design:
    """The feature rows: a dense block beside a sparse one (same rows)."""

    dense: np.ndarray  # n × d
    sparse: csr_matrix  # n × m, of the same precision

    @property
    def rows(self) -> int:
        return int(self.dense.shape[0])

    @property
    def columns(self) -> int:
        return int(self.dense.shape[1] + self.sparse.shape[1])

    def times(self, w: np.ndarray) -> np.ndarray:
        """X @ w, w of shape (columns, k), in the features' precision."""
        d = self.dense.shape[1]
        w = w.astype(self.dense.dtype)
        return np.asarray(self.dense @ w[:d] + self.sparse @ w[d:])

    def transposed_times(self, r: np.ndarray) -> np.ndarray:
        """Xᵀ @ r, r of shape (rows, k)."""
        return np.vstack([self.dense.T @ r, np.asarray(self.sparse.T @ r)])


@dataclass(frozen=True)
class LinearHead:
    """A fitted head, in scikit-learn's layout: ``coef_`` is one row per class
    (one row, the second class's logit, for two classes)."""

    classes_: np.ndarray
    coef_: np.ndarray  # float64
    intercept_: np.ndarray  # float64
    n_iter_: int
    # The gradient's largest entry reached ``tol``, or the loss stopped falling
    # (scikit-learn's two tests); not when ``max_iter`` ran out or no step along
    # the steepest descent lowered the loss.
    converged: bool

    def predict_proba(self, x: Design) -> np.ndarray:
        z = x.times(self.coef_.T).astype(np.float64) + self.intercept_
        if len(self.classes_) == 2:
            positive = _expit(z[:, 0])
            return np.column_stack([1.0 - positive, positive])
        return _softmax(z)


def fit_logistic(
    x: Design,
    labels: Sequence[str],
    c: float,
    class_weight: str | None = None,
    tol: float = 1e-4,
    max_iter: int = 3000,
) -> LinearHead:
    """Minimise the objective above; ``tol`` bounds the gradient's largest entry
    at the end, as scikit-learn's ``tol`` does for lbfgs."""
    if not (np.isfinite(x.dense).all() and np.isfinite(x.sparse.data).all()):
        raise ValueError("the features hold a value that is not finite")
    classes = np.array(sorted(set(labels)))
    if len(classes) < 2:
        raise ValueError(f"a head needs two classes at least, got {list(classes)}")
    index = {label: i for i, label in enumerate(classes)}
    y = np.array([index[label] for label in labels])
    weights = _sample_weights(y, len(classes), class_weight)
    total = float(weights.sum())
    objective = _Objective(x, y, len(classes), weights / total, 1.0 / (c * total))
    w, iterations, converged = _lbfgs(objective, tol, max_iter)
    coef, intercept = objective.split(w)
    return LinearHead(
        classes_=classes,
        coef_=np.ascontiguousarray(coef.T, dtype=np.float64),
        intercept_=np.asarray(intercept, dtype=np.float64),
        n_iter_=iterations,
        converged=converged,
    )


def _sample_weights(y: np.ndarray, k: int, class_weight: str | None) -> np.ndarray:
    if class_weight is None:
        return np.ones(len(y))
    if class_weight != "balanced":
        raise ValueError(f"unknown class weight {class_weight!r}")
    counts = Counter(y.tolist())
    per_class = np.array([len(y) / (k * counts[i]) for i in range(k)])
    return np.asarray(per_class[y])


class _Objective:
    """The loss and its gradient at a flat weight vector: the weights (columns ×
    logits, row-major) then the intercepts."""

    def __init__(self, x: Design, y: np.ndarray, k: int, share: np.ndarray, l2: float) -> None:
        self.x = x
        self.logits = 1 if k == 2 else k
        self.share = share  # each row's weight over the total
        self.l2 = l2
        self.targets = np.zeros((x.rows, self.logits))
        if k == 2:
            self.targets[:, 0] = y == 1
        else:
            self.targets[np.arange(x.rows), y] = 1.0
        self.size = (x.columns + 1) * self.logits

    def split(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        cut = self.x.columns * self.logits
        return w[:cut].reshape(self.x.columns, self.logits), w[cut:]

    def __call__(self, w: np.ndarray) -> tuple[float, np.ndarray]:
        coef, intercept = self.split(w)
        z = self.x.times(coef).astype(np.float64) + intercept
        if self.logits == 1:
            # log(1 + e^z) - y z, and its derivative expit(z) - y
            loss = np.logaddexp(0.0, z[:, 0]) - self.targets[:, 0] * z[:, 0]
            residual = _expit(z) - self.targets
        else:
            top = z.max(axis=1, keepdims=True)
            log_total = top[:, 0] + np.log(np.exp(z - top).sum(axis=1))
            loss = log_total - (z * self.targets).sum(axis=1)
            residual = _softmax(z) - self.targets
        residual *= self.share[:, None]
        value = float(self.share @ loss) + 0.5 * self.l2 * float(np.dot(coef.ravel(), coef.ravel()))
        gradient = np.empty_like(w)
        cut = self.x.columns * self.logits
        gradient[:cut] = (
            self.x.transposed_times(residual.astype(self.x.dense.dtype)) + self.l2 * coef
        ).ravel()
        gradient[cut:] = residual.sum(axis=0)
        return value, gradient


@dataclass(frozen=True)
class _Pair:
    """One L-BFGS correction pair, in single precision: a step and the change of
    the gradient along it, with 1 / (s · y)."""

    s: np.ndarray
    y: np.ndarray
    rho: float


def _lbfgs(f: _Objective, tol: float, max_iter: int) -> tuple[np.ndarray, int, bool]:
    """Limited-memory BFGS from zero, with a backtracking (Armijo) line search
    (the objective is convex, so a step's curvature is never negative): the
    weights, the iterations taken and whether it converged."""
    w = np.zeros(f.size)
    value, gradient = f(w)
    pairs: list[_Pair] = []
    for iteration in range(1, max_iter + 1):
        if np.abs(gradient).max() <= tol:
            return w, iteration - 1, True
        found = _line_search(f, w, value, gradient, pairs)
        if found is None and pairs:
            # No decrease along the quasi-Newton direction (rounding): start
            # afresh along the steepest descent, as scipy's L-BFGS-B does.
            pairs.clear()
            found = _line_search(f, w, value, gradient, pairs)
        if found is None:
            return w, iteration, False  # no decrease left to find
        candidate, new_value, new_gradient = found
        s = (candidate - w).astype(np.float32)
        change = (new_gradient - gradient).astype(np.float32)
        curvature = float(s @ change)
        if curvature > 1e-10:
            pairs.append(_Pair(s, change, 1.0 / curvature))
            if len(pairs) > _HISTORY:
                del pairs[0]
        improvement = value - new_value
        w, value, gradient = candidate, new_value, new_gradient
        if improvement <= 64 * np.finfo(float).eps * max(abs(value), 1.0):
            return w, iteration, True
    return w, max_iter, False


def _line_search(
    f: _Objective, w: np.ndarray, value: float, gradient: np.ndarray, pairs: list[_Pair]
) -> tuple[np.ndarray, float, np.ndarray] | None:
    """A step along the L-BFGS direction (the steepest descent without pairs)
    that lowers the loss enough (Armijo), halved until it does: the new
    weights, loss and gradient, or None."""
    direction = -_two_loop(gradient, pairs)
    slope = float(gradient @ direction)
    if slope >= 0:  # not a descent direction (rounding)
        return None
    step = 1.0 if pairs else min(1.0, 1.0 / float(np.abs(gradient).sum()))
    for _ in range(_MAX_LINE_SEARCH):
        candidate = w + step * direction
        new_value, new_gradient = f(candidate)
        if new_value <= value + 1e-4 * step * slope:
            return candidate, new_value, new_gradient
        step *= 0.5
    return None


def _two_loop(gradient: np.ndarray, pairs: list[_Pair]) -> np.ndarray:
    """The L-BFGS estimate of the inverse Hessian times the gradient (on one
    single-precision vector, updated in place by BLAS's axpy)."""
    from scipy.linalg.blas import saxpy as _axpy

    q = gradient.astype(np.float32)
    alphas = []
    for pair in reversed(pairs):
        alpha = pair.rho * float(pair.s @ q)
        q = _axpy(pair.y, q, a=-alpha)
        alphas.append(alpha)
    if pairs:
        last = pairs[-1]
        q *= np.float32(1.0 / (last.rho * float(last.y @ last.y)))
    for pair, alpha in zip(pairs, reversed(alphas), strict=True):
        beta = pair.rho * float(pair.y @ q)
        q = _axpy(pair.s, q, a=alpha - beta)
    return q.astype(np.float64)


def _expit(z: np.ndarray) -> np.ndarray:
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * z)))


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return np.asarray(e / e.sum(axis=1, keepdims=True))
