"""Architecture: pipelines/ is a library under crawler/ and the Datasette plugin, and no module
takes part in an import cycle. grimp reads every import statement, function-level ones included,
so a cycle cannot hide behind an import moved into a function."""

from __future__ import annotations

import grimp
import pytest

PACKAGES = ("pipelines", "crawler", "newsmon_datasette")


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(*PACKAGES)


def strongly_connected(graph: grimp.ImportGraph) -> list[set[str]]:
    """Tarjan's algorithm (iterative): the groups of modules that all reach each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def imports(module: str):
        return iter(sorted(graph.find_modules_directly_imported_by(module)))

    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, imports(root))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, imported = work[-1]
            for other in imported:
                if other not in index:
                    index[other] = low[other] = len(index)
                    stack.append(other)
                    on_stack.add(other)
                    work.append(
                        (other, iter(sorted(graph.find_modules_directly_imported_by(other))))
                    )
                    break
                if other in on_stack:
                    low[module] = min(low[module], index[other])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[module])
                if low[module] == index[module]:
                    group = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == module:
                            break
                    groups.append(group)
    return groups


def cycles(graph: grimp.ImportGraph) -> list[str]:
    """One import cycle per group of mutually importing modules, as 'a -> b -> a'."""
    found = []
    for group in strongly_connected(graph):
        if len(group) < 2:
            continue
        first, *others = sorted(group)
        # the shortest way round through `first`: out to one member and back
        loops = []
        for other in others:
            there = graph.find_shortest_chain(importer=first, imported=other)
            back = graph.find_shortest_chain(importer=other, imported=first)
            if there and back:
                loops.append([*there, *back[1:]])
        found.append(" -> ".join(min(loops, key=len)))
    return found


def test_the_cycle_finder_finds_a_cycle_hidden_in_a_larger_graph():
    graph = grimp.ImportGraph()
    for importer, imported in [
        ("p.db", "p.schema"),
        ("p.schema", "p.browse"),
        ("p.browse", "p.db"),  # the loop
        ("p.browse", "p.search"),
        ("p.articles", "p.db"),
    ]:
        graph.add_import(importer=importer, imported=imported)
    assert cycles(graph) == ["p.browse -> p.db -> p.schema -> p.browse"]
    assert not cycles(grimp.ImportGraph())


def test_no_import_cycles(graph):
    found = cycles(graph)
    assert not found, "import cycles:\n" + "\n".join(found)


def test_pipelines_never_imports_crawler_or_the_datasette_plugin(graph):
    for upper in ("crawler", "newsmon_datasette"):
        chain = graph.find_shortest_chain(importer="pipelines", imported=upper, as_packages=True)
        assert chain is None, " -> ".join(chain or ())
