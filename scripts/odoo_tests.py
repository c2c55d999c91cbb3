"""Run chosen test files of Odoo's own addons once the whole registry is loaded.

Odoo runs a module's ``at_install`` tests while that module is being
installed, before the modules that depend on it are loaded: a plain
``--test-tags /mail`` run on a database with the suite installed tests mail
*without* the suite's overrides, and misses what the suite changes in mail.
This launcher is Odoo's own server command (``odoo-bin``) with one change:
its post-install test phase, which runs when every installed module is in
the registry, is handed the chosen test files whatever their position
(``at_install`` or ``post_install``), so that Odoo's tests run against the
registry an organisation actually has once it installs the suite.

Usage: odoo_tests.py LIST_FILE ODOO_SERVER_ARGS...  (with ``--test-enable``,
``--stop-after-init`` and no ``-i``/``-u``). LIST_FILE holds one entry per
line, ``addons/<module>/tests/<file>.py`` or that followed by
``:ClassName``, relative to the Odoo tree, and a ``#`` comment saying why;
a line ``-<file>:ClassName.test_method`` leaves out one test that fails
without the suite too (its comment says why). Only tests tagged
``standard`` are taken, as Odoo's runner does by default.
"""

import sys
from pathlib import Path

import odoo
import odoo.cli.server
import odoo.http
from odoo.tests import loader
from odoo.tests.suite import OdooSuite
from odoo.tests.tag_selector import TagsSelector


def read_list(list_file):
    """({(module, test module's file stem): set of class names or None for
    all}, {(module, stem, class, method) left out})."""
    wanted, left_out = {}, set()
    for number, raw in enumerate(Path(list_file).read_text().splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        excluded = line.startswith("-")
        path, _sep, klass = line.lstrip("-").partition(":")
        parts = Path(path).parts
        if "tests" not in parts or not path.endswith(".py"):
            raise SystemExit(f"{list_file}:{number}: not a test file of an addon: {line}")
        module = parts[parts.index("tests") - 1]
        key = (module, Path(path).stem)
        if excluded:
            klass, _sep, method = klass.partition(".")
            if not method:
                raise SystemExit(f"{list_file}:{number}: leave out one test: -file:Class.method")
            left_out.add((*key, klass, method))
            continue
        classes = wanted.setdefault(key, set())
        if classes is None or not klass:
            wanted[key] = None
        else:
            classes.add(klass)
    return wanted, left_out


def chosen_suite(wanted, left_out, installed):
    """The suite of the chosen tests; fails when a module named in the list
    is not installed or a listed file or class yields no test (a renamed
    file would otherwise silently test nothing)."""
    standard = TagsSelector("standard")
    tests, found = [], set()
    for module in sorted({module for module, _stem in wanted}):
        if module not in installed:
            raise SystemExit(f"odoo_tests: {module} is not installed in this database")
        for test_module in loader.get_test_modules(module):
            stem = test_module.__name__.rsplit(".", 1)[-1]
            if (module, stem) not in wanted:
                continue
            classes = wanted[(module, stem)]
            for test in loader.get_module_test_cases(test_module):
                klass = type(test).__name__
                if classes is not None and klass not in classes:
                    continue
                found.add((module, stem, klass if classes is not None else None))
                if (module, stem, klass, test._testMethodName) in left_out:
                    found.add((module, stem, klass, test._testMethodName))
                elif standard.check(test):
                    tests.append(test)
    missing = [
        f"{module}/{stem}{':' + klass if klass else ''}"
        for (module, stem), classes in wanted.items()
        for klass in (classes or [None])
        if (module, stem, klass) not in found
    ]
    missing += [
        f"{module}/{stem}:{klass}.{method}"
        for module, stem, klass, method in left_out
        if (module, stem, klass, method) not in found
    ]
    if missing:
        raise SystemExit(f"odoo_tests: no test found for {', '.join(sorted(missing))}")
    return OdooSuite(sorted(tests, key=lambda t: t.test_sequence))


def main():
    list_file, *args = sys.argv[1:]
    wanted, left_out = read_list(list_file)

    def make_suite(module_names, position="at_install"):
        # On a database loaded without -i/-u, Odoo runs each module's
        # at_install tests as the module loads, with the registry only
        # partly set up: none of those; the chosen ones run post-load.
        if position != "post_install":
            return OdooSuite([])
        # The HTTP root parses every addon's manifest on its first request
        # for a file: parse them here, in this thread, before any browser
        # test. CPython 3.11 can raise "SystemError: AST constructor
        # recursion depth mismatch" when a request thread parses a manifest
        # while the test thread compiles (seen once, in a discuss tour's
        # /web/webclient/load_menus): the harness, not the suite, failed.
        odoo.http.root.statics  # noqa: B018 (a lazy property: computed once)
        return chosen_suite(wanted, left_out, set(module_names))

    loader.make_suite = make_suite
    odoo.cli.server.main(args)


if __name__ == "__main__":
    main()
