"""A stand-in `automl` for the benchmark scripts' tests: it logs every command line and answers
`architecture` with a one-layer model and `train` with a reply computed from the config."""
import json
import stat
import sys


def fake_automl(folder, train_reply):
    """Writes the stand-in into `folder` and returns (its path, the log of its calls).
    `train_reply` is a Python expression over `config`, the parsed `--config` of a `train` call."""
    log = folder / "calls.jsonl"
    fake = folder / "automl"
    fake.write_text(f"""#!{sys.executable}
import json, sys
args = sys.argv[1:]
open({str(log)!r}, "a").write(json.dumps(args) + "\\n")
if args[0] == "architecture":
    print(json.dumps({{"layers": [{{"type": "linear", "units": 10}}]}}))
else:
    config = json.loads(args[args.index("--config") + 1])
    print(json.dumps({train_reply}))
""")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    return fake, log


def calls(log):
    """The command lines the stand-in was run with, in order."""
    return [json.loads(line) for line in log.read_text().splitlines()]
