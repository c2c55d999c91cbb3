#!/usr/bin/env python3
"""CI check of the Docker path, without a Docker engine (run by `make lint`).

Reads every addon manifest's ``external_dependencies["python"]``, the
Python packages the Dockerfile installs (``pip install`` arguments and
Debian ``python3-*`` packages of its RUN instructions) and every compose
file's services. Fails when:

- a manifest names a Python package the Dockerfile does not install;
- a compose service runs Odoo from the bare ``odoo`` image instead of
  building the Dockerfile (it would lack those packages).

Usage: check_docker.py [--root DIR] [--dockerfile FILE] [--compose FILE ...]
"""

import argparse
import ast
import re
import shlex
import sys
from pathlib import Path

# Import names whose distribution has another name.
DISTRIBUTIONS = {"dateutil": "python-dateutil", "yaml": "pyyaml", "PIL": "pillow"}


def normalise(name):
    """PEP 503 name: lower case, runs of -_. as one dash."""
    return re.sub(r"[-_.]+", "-", name).lower()


def manifest_dependencies(addons_dirs):
    """{distribution: [addons that need it]} from every manifest."""
    needed = {}
    for addons in addons_dirs:
        for manifest in sorted(Path(addons).glob("*/__manifest__.py")):
            data = ast.literal_eval(manifest.read_text())
            for name in data.get("external_dependencies", {}).get("python", []):
                dist = normalise(DISTRIBUTIONS.get(name, name))
                needed.setdefault(dist, []).append(manifest.parent.name)
    return needed


def dockerfile_runs(text):
    """The commands of the RUN instructions, continuation lines joined."""
    text = re.sub(r"\\\n", " ", text)
    runs = []
    for raw in text.splitlines():
        line = raw.strip()
        if line.upper().startswith("RUN "):
            runs.append(line[4:])
    return runs


def installed_packages(dockerfile_text):
    """Normalised names of the Python packages the Dockerfile installs."""
    found = set()
    for run in dockerfile_runs(dockerfile_text):
        for command in re.split(r"&&|;|\|\|", run):
            words = shlex.split(command)
            if "install" not in words:
                continue
            tool = words[: words.index("install")]
            args = [w for w in words[words.index("install") + 1 :] if not w.startswith("-")]
            if any(re.fullmatch(r"(.*/)?pip[0-9.]*", w) for w in tool) or tool[-2:] == [
                "-m",
                "pip",
            ]:
                for arg in args:
                    name = re.split(r"[<>=!~\[; ]", arg, maxsplit=1)[0]
                    if name:
                        found.add(normalise(name))
            elif any(w in ("apt-get", "apt") for w in tool):
                for arg in args:
                    if arg.startswith("python3-"):
                        # Debian names the package after the import name.
                        name = arg.split("=")[0][len("python3-") :]
                        found.add(normalise(DISTRIBUTIONS.get(name, name)))
    return found


def compose_services(text):
    """{service: {key: value}} of a compose file's top-level ``services``
    (the subset of YAML compose files use: two-space nesting, scalar
    values for ``image`` and ``build``)."""
    services, current, in_services = {}, None, False
    for raw in text.splitlines():
        line = raw.split(" #")[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        if indent == 0:
            in_services = line.strip() == "services:"
            continue
        if not in_services:
            continue
        key, _sep, value = line.strip().partition(":")
        if indent == 2:
            current = services.setdefault(key, {})
        elif indent == 4 and current is not None:
            current[key] = value.strip().strip("\"'")
    return services


def check(root, dockerfile, composes):
    """A list of problems (empty when the Docker path is complete)."""
    problems = []
    needed = manifest_dependencies([root / "addons"])
    dockerfile = Path(dockerfile)
    if not dockerfile.exists():
        return [f"{dockerfile}: no Dockerfile"]
    text = dockerfile.read_text()
    if not re.search(r"^FROM\s+odoo:18\.0\b", text, re.MULTILINE):
        problems.append(f"{dockerfile}: must start FROM odoo:18.0")
    installed = installed_packages(text)
    for dist, addons in sorted(needed.items()):
        if dist not in installed:
            problems.append(
                f"{dockerfile}: does not install the Python package {dist!r}, "
                f"an external dependency of {', '.join(addons)}"
            )
    for compose in composes:
        services = compose_services(Path(compose).read_text())
        odoo = {
            name: keys
            for name, keys in services.items()
            if "build" in keys or keys.get("image", "").split(":")[0].endswith("odoo")
        }
        if not odoo:
            problems.append(f"{compose}: no service runs Odoo")
        for name, keys in sorted(odoo.items()):
            if "build" not in keys:
                problems.append(
                    f"{compose}: service {name!r} runs the bare image {keys.get('image')!r}; "
                    "build the Dockerfile instead (build: ...), which installs the addons' "
                    "Python dependencies"
                )
    return problems


def main(argv=None):
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=root)
    parser.add_argument("--dockerfile", type=Path)
    parser.add_argument("--compose", type=Path, nargs="*")
    args = parser.parse_args(argv)
    dockerfile = args.dockerfile or args.root / "Dockerfile"
    composes = args.compose or [
        args.root / "docker-compose.yml",
        args.root / "deploy/production/docker-compose.yml",
    ]
    problems = check(args.root, dockerfile, composes)
    for problem in problems:
        print(f"check_docker: {problem}", file=sys.stderr)
    if not problems:
        print(
            f"check_docker: {dockerfile.name} installs every external dependency; "
            f"{len(composes)} compose files build it"
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
