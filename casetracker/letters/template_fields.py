"""Find every merge field a Jinja template reads, with the line it is on.

``jinja2.meta.find_undeclared_variables`` names only the top-level variable
(``request``); a team template that writes ``{{ request.nonsense }}`` must be
caught too, so this walks the parsed template and follows attribute chains,
loop variables (``{% for e in exemptions %}`` makes ``e.code`` read
``exemptions[].code``) and local names (``set``, macros, ``loop``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from jinja2 import nodes

__all__ = ["FieldUse", "field_uses"]

#: A local name: something the template defined itself, not a merge field.
_LOCAL = ""


@dataclass(frozen=True)
class FieldUse:
    """One read of a merge field: its path (``exemptions[].code``) and template line."""

    path: str
    lineno: int


def field_uses(template: nodes.Template, builtins: frozenset[str]) -> Iterator[FieldUse]:
    """Yield each merge field ``template`` reads, in source order.

    ``builtins`` are names the environment provides (``range``, ``loop``...),
    which are not fields.
    """
    scope = {name: _LOCAL for name in builtins | {"loop"}}
    yield from _visit(template, scope)


def _visit(node: nodes.Node, scope: dict[str, str]) -> Iterator[FieldUse]:
    if isinstance(node, nodes.For):
        yield from _visit(node.iter, scope)
        inner = dict(scope)
        source = _path(node.iter, scope)
        if isinstance(node.target, nodes.Name) and source:
            inner[node.target.name] = source + "[]"
        else:
            inner.update(_names(node.target))
        for child in (*node.body, *node.else_, *((node.test,) if node.test else ())):
            yield from _visit(child, inner)
        return
    if isinstance(node, (nodes.Assign, nodes.AssignBlock)):
        scope.update(_names(node.target))
    elif isinstance(node, (nodes.Macro, nodes.CallBlock)):
        inner = dict(scope)
        for arg in getattr(node, "args", []):
            inner.update(_names(arg))
        for child in node.body:
            yield from _visit(child, inner)
        return
    elif isinstance(node, nodes.With):
        inner = dict(scope)
        for target, value in zip(node.targets, node.values, strict=True):
            yield from _visit(value, scope)
            inner.update(_names(target))
        for child in node.body:
            yield from _visit(child, inner)
        return
    if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
        path = _path(node, scope)
        if path is not None:
            if path != _LOCAL:
                yield FieldUse(path, node.lineno)
            # Dynamic subscripts (``x[y]``) are expressions that may read fields too.
            yield from _subscripts(node, scope)
            return
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr):
        # ``request.title.upper()`` reads request.title; ``upper`` is a str method.
        yield from _visit(node.node.node, scope)
        for child in (*node.args, *node.kwargs, node.dyn_args, node.dyn_kwargs):
            if child is not None:
                yield from _visit(child, scope)
        return
    for child in node.iter_child_nodes():
        yield from _visit(child, scope)


def _names(target: nodes.Node) -> dict[str, str]:
    return {n.name: _LOCAL for n in target.find_all(nodes.Name)} | (
        {target.name: _LOCAL} if isinstance(target, nodes.Name) else {}
    )


def _path(node: nodes.Node, scope: dict[str, str]) -> str | None:
    """Return the dotted field a chain reads; _LOCAL for local names; None if not a chain."""
    parts: list[str] = []
    while isinstance(node, (nodes.Getattr, nodes.Getitem)):
        if isinstance(node, nodes.Getattr):
            parts.append("." + node.attr)
        elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            parts.append("." + node.arg.value)
        else:
            parts.append("[]")  # an index, constant or computed: some item of a list
        node = node.node
    if not isinstance(node, nodes.Name):
        return None
    root = scope.get(node.name, node.name)
    if root == _LOCAL:
        return _LOCAL
    return root + "".join(reversed(parts))


def _subscripts(node: nodes.Node, scope: dict[str, str]) -> Iterator[FieldUse]:
    while isinstance(node, (nodes.Getattr, nodes.Getitem)):
        if isinstance(node, nodes.Getitem) and not isinstance(node.arg, nodes.Const):
            yield from _visit(node.arg, scope)
        node = node.node
