"""``Session`` and ``Trial``: the ask/tell loop on one engine session."""

import math
import threading
import time
import uuid
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Sequence, Tuple, Type, Union

from .errors import TrialPruned

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Engine

Number = Union[int, float]
FINAL_STATES = ("complete", "failed", "pruned")


def _finite(value: Any, what: str) -> float:
    """``value`` as a float; ValueError for NaN, infinities and non-numbers (checked before sending)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        try:
            value = float(value)  # numpy scalars and the like
        except (TypeError, ValueError):
            raise ValueError(f"{what} must be a finite number, not {value!r}") from None
    if not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number, not {value!r}")
    return value


def _reports_only(progress: Callable[[Dict[str, Any]], None]) -> Callable[[Dict[str, Any]], None]:
    """Passes ``report`` values on (``begin`` and ``end`` carry nothing about trials)."""
    def listener(value: Dict[str, Any]) -> None:
        if isinstance(value, dict) and value.get("kind") == "report":
            progress(value)
    return listener


class Trial:
    """One trial as the engine describes it: ``id``, ``config``, ``state`` and, once told, ``values``.

    A trial handed out by ``Session.ask`` can ``report`` intermediate values and be ``abandon``-ed.
    """

    def __init__(self, session: "Session", data: Dict[str, Any]):
        self.session = session
        self.data = data

    @property
    def id(self) -> int:
        return self.data["trialId"]

    @property
    def config(self) -> Dict[str, Any]:
        return self.data["config"]

    @property
    def state(self) -> str:
        return self.data["state"]

    @property
    def budget(self) -> Optional[float]:
        return self.data.get("budget")

    @property
    def resume_of(self) -> Optional[int]:
        return self.data.get("resumeOf")

    @property
    def architecture(self) -> Any:
        return self.data.get("architecture")

    @property
    def values(self) -> Optional[List[float]]:
        return self.data.get("values")

    @property
    def value(self) -> Optional[float]:
        """The value of a single-objective trial, once complete."""
        return self.data.get("value")

    @property
    def intermediate(self) -> List[Dict[str, float]]:
        return self.data.get("intermediate", [])

    @property
    def cost(self) -> Optional[float]:
        return self.data.get("cost")

    @property
    def metrics(self) -> Optional[Dict[str, Any]]:
        """What the evaluator measured besides the objectives, as told (None when nothing was)."""
        return self.data.get("metrics")

    @property
    def client_id(self) -> Optional[str]:
        return self.data.get("clientId")

    def report(self, step: Number, value: Number) -> bool:
        """Reports an intermediate value; True means the strategy says: prune this trial."""
        result = self.session.engine.call(
            "trial/report",
            {"sessionId": self.session.id, "trialId": self.id,
             "step": _finite(step, "step"), "value": _finite(value, "value")},
        )
        return bool(result["prune"])

    def abandon(self) -> "Trial":
        """Gives the trial's slot back to the strategy."""
        result = self.session.engine.call("trial/abandon", {"sessionId": self.session.id, "trialId": self.id})
        self.data = result["trial"]
        return self

    def __getitem__(self, name: str) -> Any:
        return self.config[name]

    def __repr__(self) -> str:
        return f"Trial(id={self.id}, state={self.state!r}, config={self.config!r}, values={self.values!r})"


class TrialList(list):
    """A page of trials; ``total`` counts all trials that match the filter."""

    total: int = 0


class Session:
    """One ask/tell session of an ``Engine``.

    ``waiting`` and ``exhausted`` describe the last ``ask``: the strategy waits for results, or
    has nothing left to suggest.
    """

    def __init__(self, engine: "Engine", session_id: str, seed: Optional[int] = None):
        self.engine = engine
        self.id = session_id
        self.seed = seed
        self.waiting = False
        self.exhausted = False

    def _call(self, method: str, **params: Any) -> Any:
        params["sessionId"] = self.id
        return self.engine.call(method, params)

    # MARK: - Ask and tell

    def ask(self, n: int = 1, client_id: Optional[str] = None) -> List[Trial]:
        """Up to ``n`` trials to evaluate. With ``client_id``, asking again before telling returns
        the same pending trials (a restarted worker does not leak them)."""
        trials, self.waiting, self.exhausted = self._ask(n, client_id)
        return trials

    def _ask(self, n: int, client_id: Optional[str]) -> Tuple[List[Trial], bool, bool]:
        params: Dict[str, Any] = {"count": n}
        if client_id is not None:
            params["clientId"] = client_id
        result = self._call("session/ask", **params)
        trials = [Trial(self, t) for t in result["trials"]]
        return trials, bool(result.get("waiting", False)), bool(result.get("exhausted", False))

    def tell(
        self,
        trial: Union[Trial, int],
        value: Optional[Union[Number, Sequence[Number]]] = None,
        values: Optional[Sequence[Number]] = None,
        state: str = "complete",
        budget: Optional[Number] = None,
        cost: Optional[Number] = None,
        metrics: Optional[Dict[str, Any]] = None,
    ) -> Trial:
        """Records the result of a pending trial (a ``Trial`` or its id); returns the told trial.

        ``value`` is the single objective's value (a list is taken as ``values``); ``values`` gives
        one per objective. A failed trial needs none. Raises ValueError for NaN or infinity.
        ``metrics`` (a dict: test accuracy, parameters, ...) is kept with the trial in the
        session's journal and shown by ``trials()`` and ``best()``; the strategy never reads it.
        """
        trial_id = trial.id if isinstance(trial, Trial) else int(trial)
        params = self._result_params(value, values, state, budget, cost, metrics)
        params["trialId"] = trial_id
        told = Trial(self, self._call("session/tell", **params)["trial"])
        if isinstance(trial, Trial):
            trial.data = told.data
        return told

    def tell_config(
        self,
        config: Dict[str, Any],
        value: Optional[Union[Number, Sequence[Number]]] = None,
        values: Optional[Sequence[Number]] = None,
        state: str = "complete",
        budget: Optional[Number] = None,
        cost: Optional[Number] = None,
        metrics: Optional[Dict[str, Any]] = None,
    ) -> Trial:
        """Records a result obtained elsewhere (warm start): a new finished trial with ``config``."""
        params = self._result_params(value, values, state, budget, cost, metrics)
        params["config"] = config
        return Trial(self, self._call("session/tell", **params)["trial"])

    @staticmethod
    def _result_params(value: Any, values: Any, state: str, budget: Any, cost: Any, metrics: Any = None) -> Dict[str, Any]:
        if state not in FINAL_STATES:
            raise ValueError(f"state must be one of {FINAL_STATES}, not {state!r}")
        if value is not None and values is not None:
            raise ValueError("give value or values, not both")
        if isinstance(value, (list, tuple)):
            value, values = None, value
        if state == "complete" and value is None and values is None:
            raise ValueError("a complete trial needs value (or values, one per objective)")
        params: Dict[str, Any] = {"state": state}
        if value is not None:
            params["value"] = _finite(value, "value")
        if values is not None:
            params["values"] = [_finite(v, f"values[{i}]") for i, v in enumerate(values)]
        if budget is not None:
            params["budget"] = _finite(budget, "budget")
        if cost is not None:
            params["cost"] = _finite(cost, "cost")
        if metrics is not None:
            if not isinstance(metrics, dict):
                raise ValueError("metrics must be a dict of named measurements")
            params["metrics"] = metrics
        return params

    def enqueue(self, config: Dict[str, Any]) -> int:
        """Queues a fixed config to be handed out before any suggestion; returns its trial id."""
        return self._call("session/enqueue", config=config)["trialId"]

    # MARK: - Reads

    def best(self) -> Optional[Trial]:
        """The best complete trial (single objective), or None before any result."""
        best = self._call("session/best")["best"]
        return Trial(self, best) if best is not None else None

    def pareto(self) -> List[Trial]:
        """The Pareto set of complete trials (the best trial when there is one objective)."""
        return [Trial(self, t) for t in self._call("session/best")["trials"]]

    def trials(self, state: Optional[str] = None, offset: int = 0, limit: int = 1000) -> TrialList:
        """One page of trials, in id order, optionally of one state; ``.total`` counts them all."""
        params: Dict[str, Any] = {"offset": offset, "limit": limit}
        if state is not None:
            params["state"] = state
        result = self._call("session/trials", **params)
        page = TrialList(Trial(self, t) for t in result["trials"])
        page.total = result["total"]
        return page

    def all_trials(self, state: Optional[str] = None, page_size: int = 1000) -> List[Trial]:
        """Every trial, fetched page by page."""
        collected: List[Trial] = []
        while True:
            page = self.trials(state=state, offset=len(collected), limit=page_size)
            collected.extend(page)
            if not page or len(collected) >= page.total:
                return collected

    def status(self) -> Dict[str, Any]:
        """``{sessionId, strategy, objectives, seed, counts, total, closed, exhausted}``."""
        return self._call("session/status")

    def close(self) -> None:
        """Closes the session; its journal stays and ``Engine.open_session`` reopens it."""
        self._call("session/close")

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Session({self.id!r})"

    # MARK: - Run inside the engine

    def run(
        self,
        evaluator: Union[str, Dict[str, Any]] = "digits",
        max_trials: Optional[int] = None,
        max_seconds: Optional[float] = None,
        progress: Optional[Callable[[Dict[str, Any]], None]] = None,
        timeout: Optional[float] = None,
        **members: Any,
    ) -> Dict[str, Any]:
        """Runs the search inside the engine with its embedded trainer (``session/run``).

        ``evaluator`` is a data set (``"digits"``, ``"mnist1d"``, a CSV path on the engine's
        machine) or the whole evaluator object; ``members`` add to it by their wire names
        (``config={"epochs": 5}``, ``metric="validationAccuracy"``, ``labelColumn="species"``).
        The session's parameters must be training-config members (``learningRate``, ``width``...).

        ``progress(value)`` is called on the client's reader thread for each ``$/progress``
        value: one ``report`` per trial told, with ``message`` ("trial 3/20 complete 0.0417;
        best 0.0278 (trial 1)") and ``percentage``. Ctrl-C (or ``timeout``) cancels the run in the
        engine; trials told until then stay in the session.

        Returns the summary: ``{trials, complete, failed, pruned, best: {trialId, config, value,
        metrics: {validationAccuracy, testAccuracy, ...}}, elapsedSeconds, stopReason}``.
        """
        spec: Dict[str, Any] = {"dataset": evaluator} if isinstance(evaluator, str) else dict(evaluator)
        spec.setdefault("kind", "trainer")
        spec.update(members)
        params: Dict[str, Any] = {"sessionId": self.id, "evaluator": spec}
        if max_trials is not None:
            params["maxTrials"] = max_trials
        if max_seconds is not None:
            params["maxSeconds"] = _finite(max_seconds, "max_seconds")
        return self.engine.call("session/run", params, timeout=timeout, cancel_on_timeout=True,
                                progress=_reports_only(progress) if progress is not None else None)

    # MARK: - Optimize

    def optimize(
        self,
        fn: Callable[[Trial], Union[Number, Sequence[Number]]],
        n_trials: int,
        n_workers: int = 1,
        catch: Tuple[Type[BaseException], ...] = (Exception,),
        poll_interval: float = 0.01,
    ) -> List[Trial]:
        """Evaluates ``n_trials`` trials with ``n_workers`` threads; returns the told trials.

        Each worker asks with its own client id, calls ``fn(trial)`` (a float, or a list of floats
        for several objectives), and tells the result. ``fn`` may call ``trial.report(step, value)``
        and raise ``TrialPruned`` when it answers True: the trial is told ``pruned``. An exception
        listed in ``catch`` tells the trial ``failed`` and the search goes on; any other exception
        tells it ``failed``, stops the workers and is raised here. Stops early when the strategy is
        exhausted.
        """
        if n_trials < 0 or n_workers < 1:
            raise ValueError("n_trials must be >= 0 and n_workers >= 1")
        run = _OptimizeRun(self, fn, n_trials, catch, poll_interval)
        prefix = uuid.uuid4().hex[:8]
        threads = [
            threading.Thread(target=run.worker, args=(f"optimize-{prefix}-{i}",), name=f"automl-worker-{i}", daemon=True)
            for i in range(min(n_workers, max(n_trials, 1)))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if run.error is not None:
            raise run.error
        return run.told


class _OptimizeRun:
    """Shared state of one ``Session.optimize`` call."""

    def __init__(self, session: Session, fn: Callable[[Trial], Any], n_trials: int,
                 catch: Tuple[Type[BaseException], ...], poll_interval: float):
        self.session = session
        self.fn = fn
        self.remaining = n_trials
        self.catch = catch
        self.poll_interval = poll_interval
        self.lock = threading.Lock()
        self.stop = False
        self.error: Optional[BaseException] = None
        self.told: List[Trial] = []

    def claim(self) -> bool:
        with self.lock:
            if self.stop or self.remaining <= 0:
                return False
            self.remaining -= 1
            return True

    def release(self) -> None:
        with self.lock:
            self.remaining += 1

    def fail(self, error: BaseException) -> None:
        with self.lock:
            self.stop = True
            if self.error is None:
                self.error = error

    def worker(self, client_id: str) -> None:
        delay = self.poll_interval
        while self.claim():
            try:
                trials, waiting, exhausted = self.session._ask(1, client_id)
            except BaseException as error:  # the engine died or refused: stop everyone
                self.fail(error)
                return
            if not trials:
                self.release()
                if exhausted:
                    with self.lock:
                        self.stop = True
                    return
                time.sleep(delay)
                delay = min(delay * 2, 0.5)
                continue
            delay = self.poll_interval
            try:
                self.evaluate(trials[0])
            except BaseException as error:
                self.fail(error)
                return

    def evaluate(self, trial: Trial) -> None:
        try:
            outcome = self.fn(trial)
        except TrialPruned:
            told = self.session.tell(trial, state="pruned")
        except self.catch:
            told = self.session.tell(trial, state="failed")
        except BaseException:
            try:
                self.session.tell(trial, state="failed")
            except Exception:
                pass  # the original exception is the one to raise
            raise
        else:
            try:
                told = self.session.tell(trial, outcome)
            except ValueError:
                # A NaN, infinite or missing result is a failed evaluation, as in Optuna.
                told = self.session.tell(trial, state="failed")
        with self.lock:
            self.told.append(told)
