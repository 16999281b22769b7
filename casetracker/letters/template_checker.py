"""Refuse a team template that could reach Python instead of printing its fields.

A team template is Jinja typed into Word by any editor of a team, so it is
untrusted code. It may print fields, test them, loop over lists and pass text
through a few filters a letter needs; nothing else. Every tag of the parsed
template (``jinja2.nodes``) is checked against that allow-list, and the first
tag outside it is named, with where it stands in the document. The check is
run at upload and again at every render (``team_template._check``), so a
template stored before the check existed is refused too; rendering itself
also happens in Jinja's ``ImmutableSandboxedEnvironment`` with no globals and
only these filters, as a second wall.

Pure: imports only Jinja.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from jinja2 import nodes

__all__ = ["ALLOWED_FILTERS", "ALLOWED_TESTS", "UnsafeUse", "find_unsafe"]

#: Filters a letter needs to shape text; none takes an attribute name or a format string.
ALLOWED_FILTERS = frozenset({
    "upper", "lower", "title", "capitalize", "trim", "default", "d", "join", "first", "last",
    "length", "replace", "truncate", "e", "escape",
})
#: Tests a letter needs in ``{% if %}``.
ALLOWED_TESTS = frozenset({
    "defined", "undefined", "none", "true", "false", "string", "number", "sequence",
    "eq", "ne", "equalto", "in",
})
#: Comparisons; arithmetic is refused (a letter needs none, and ``'a' * 10**9`` is a denial of service).
_COMPARE_OPS = frozenset({"eq", "ne", "lt", "lteq", "gt", "gteq", "in", "notin"})
_HINT = (
    "A letter template may only print its fields (`flask letters kinds` lists them), "
    "use {% if %} and {% for %}, and the filters " + ", ".join(sorted(ALLOWED_FILTERS - {"d", "e"}))
    + "."
)


class UnsafeUse(Exception):
    """One tag the template may not use: its source (as Jinja would read it), line and reason."""

    def __init__(self, expression: str, lineno: int, reason: str) -> None:
        self.expression = expression
        self.lineno = lineno
        self.reason = reason
        super().__init__(f"{expression}: {reason}")

    hint = _HINT


def find_unsafe(template: nodes.Template) -> UnsafeUse | None:
    """Return the first tag of ``template`` outside the allow-list, or None if every tag is allowed."""
    try:
        for statement in template.body:
            _statement(statement)
    except UnsafeUse as found:
        return found
    return None


def _statement(node: nodes.Node) -> None:
    if isinstance(node, nodes.Output):
        for child in node.nodes:
            if not isinstance(child, nodes.TemplateData):
                _expression(child, lambda: "{{ " + source(child) + " }}")
        return
    if isinstance(node, nodes.If):
        _expression(node.test, lambda: "{% if " + source(node.test) + " %}")
        for child in (*node.body, *node.elif_, *node.else_):
            _statement(child)
        return
    if isinstance(node, nodes.For):
        tag = lambda: f"{{% for {source(node.target)} in {source(node.iter)} %}}"  # noqa: E731
        if node.recursive:
            raise UnsafeUse(tag() + " recursive", node.lineno, "a recursive loop calls itself")
        if not isinstance(node.target, nodes.Name) and not (
                isinstance(node.target, nodes.Tuple)
                and all(isinstance(item, nodes.Name) for item in node.target.items)):
            raise UnsafeUse(tag(), node.lineno, "a loop may only name its items")
        for name in _target_names(node.target):
            if name.startswith("_") or name == "loop":
                raise UnsafeUse(tag(), node.lineno, f'"{name}" cannot be a loop variable')
        _expression(node.iter, tag)
        if node.test is not None:
            _expression(node.test, tag)
        for child in (*node.body, *node.else_):
            _statement(child)
        return
    if isinstance(node, nodes.Scope):
        # ``{% autoescape %}`` parses as a scope around the modifier, which is refused below.
        for child in node.body:
            _statement(child)
        return
    raise UnsafeUse(_tag(node), node.lineno, _why_tag(node))


def _target_names(target: nodes.Node) -> list[str]:
    if isinstance(target, nodes.Name):
        return [target.name]
    return [n.name for n in target.find_all(nodes.Name)]


def _expression(node: nodes.Node, tag: Callable[[], str]) -> None:
    """Check one expression tree; ``tag`` gives the whole tag to name if any part is refused."""
    refused = [(part, reason) for part in _walk(node) if (reason := _why_expression(part))]
    if refused:
        # Name a walk to a private name first: that is the attack, the call only its end.
        part, reason = min(refused, key=lambda found: "private name" not in found[1])
        raise UnsafeUse(tag(), getattr(part, "lineno", None) or node.lineno, reason)


def _walk(node: nodes.Node) -> Iterator[nodes.Node]:
    yield node
    for child in node.iter_child_nodes():
        yield from _walk(child)


def _why_expression(node: nodes.Node) -> str | None:
    """Return why ``node`` may not appear in a letter template, or None if it may."""
    if isinstance(node, nodes.Name):
        if node.name.startswith("_"):
            return f'"{node.name}" is a private name'
        return None
    if isinstance(node, nodes.Getattr):
        if node.attr.startswith("_"):
            return f'"{node.attr}" is a private name of Python objects'
        return None
    if isinstance(node, nodes.Getitem):
        if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, int):
            return None
        if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            if node.arg.value.startswith("_"):
                return f'"{node.arg.value}" is a private name of Python objects'
            return None
        if isinstance(node.arg, nodes.Slice):
            return None
        return "a field cannot be looked up by a name built in the template"
    if isinstance(node, nodes.Slice):
        if all(isinstance(p, nodes.Const) for p in (node.start, node.stop, node.step) if p is not None):
            return None
        return "a slice may only use numbers"
    if isinstance(node, nodes.Call):
        return "functions and methods cannot be called (use a filter, e.g. |upper)"
    if isinstance(node, nodes.Filter):
        if node.name not in ALLOWED_FILTERS:
            return f'"{node.name}" is not one of the letter filters'
        if any(kw.key == "attribute" for kw in node.kwargs) or node.dyn_args or node.dyn_kwargs:
            return f'the filter "{node.name}" may not be given attribute names or unpacked arguments'
        return None
    if isinstance(node, nodes.Test):
        if node.name not in ALLOWED_TESTS:
            return f'"{node.name}" is not one of the tests a letter may use'
        if node.dyn_args or node.dyn_kwargs:
            return "a test may not be given unpacked arguments"
        return None
    if isinstance(node, nodes.Operand):
        if node.op in _COMPARE_OPS:
            return None
        return f'the operator "{node.op}" is not allowed'
    if isinstance(node, nodes.Compare):
        return None
    if isinstance(node, (nodes.And, nodes.Or, nodes.Not, nodes.Concat, nodes.CondExpr, nodes.Const,
                         nodes.List, nodes.Tuple, nodes.Dict, nodes.Pair, nodes.Keyword,
                         nodes.TemplateData, nodes.MarkSafe, nodes.MarkSafeIfAutoescape)):
        return None
    if isinstance(node, (nodes.BinExpr, nodes.UnaryExpr)):
        return f'arithmetic ("{getattr(node, "operator", "?")}") is not allowed'
    return f"{type(node).__name__} expressions are not allowed"


_TAG_REASONS: dict[type, str] = {
    nodes.Assign: "{% set %} makes new names; a letter template may only read its fields",
    nodes.AssignBlock: "{% set %} makes new names; a letter template may only read its fields",
    nodes.Macro: "{% macro %} defines code; a letter template may only read its fields",
    nodes.CallBlock: "{% call %} calls code; a letter template may only read its fields",
    nodes.Import: "{% import %} loads other templates",
    nodes.FromImport: "{% from ... import %} loads other templates",
    nodes.Include: "{% include %} loads other templates",
    nodes.Extends: "{% extends %} loads other templates",
    nodes.Block: "{% block %} belongs to template inheritance, which letters do not use",
    nodes.With: "{% with %} makes new names; a letter template may only read its fields",
    nodes.FilterBlock: "{% filter %} blocks are not allowed; use a filter on the field",
    nodes.ScopedEvalContextModifier: "{% autoescape %} would let field text break the document",
    nodes.EvalContextModifier: "{% autoescape %} would let field text break the document",
    nodes.ExprStmt: "{% do %} runs an expression",
}


def _why_tag(node: nodes.Node) -> str:
    for cls, reason in _TAG_REASONS.items():
        if isinstance(node, cls):
            return reason
    return f"{type(node).__name__} tags are not allowed in a letter template"


def _tag(node: nodes.Node) -> str:
    """Return a statement's opening tag, e.g. ``{% set x = cycler %}``."""
    if isinstance(node, nodes.Assign):
        return f"{{% set {source(node.target)} = {source(node.node)} %}}"
    if isinstance(node, nodes.AssignBlock):
        return f"{{% set {source(node.target)} %}}"
    if isinstance(node, nodes.Macro):
        return f"{{% macro {node.name}({', '.join(source(a) for a in node.args)}) %}}"
    if isinstance(node, nodes.CallBlock):
        return f"{{% call {source(node.call)} %}}"
    if isinstance(node, nodes.Import):
        return f"{{% import {source(node.template)} as {node.target} %}}"
    if isinstance(node, nodes.FromImport):
        names = ", ".join(n if isinstance(n, str) else f"{n[0]} as {n[1]}" for n in node.names)
        return f"{{% from {source(node.template)} import {names} %}}"
    if isinstance(node, nodes.Include):
        return f"{{% include {source(node.template)} %}}"
    if isinstance(node, nodes.Extends):
        return f"{{% extends {source(node.template)} %}}"
    if isinstance(node, nodes.Block):
        return f"{{% block {node.name} %}}"
    if isinstance(node, nodes.With):
        pairs = ", ".join(f"{source(t)} = {source(v)}" for t, v in zip(node.targets, node.values, strict=True))
        return f"{{% with {pairs} %}}"
    if isinstance(node, nodes.FilterBlock):
        return f"{{% filter {source(node.filter)} %}}"
    if isinstance(node, (nodes.ScopedEvalContextModifier, nodes.EvalContextModifier)):
        options = ", ".join(source(k.value) for k in node.options)
        return f"{{% autoescape {options} %}}"
    if isinstance(node, nodes.ExprStmt):
        return f"{{% do {source(node.node)} %}}"
    return f"{{% {type(node).__name__.lower()} %}}"


_BINARY = {
    nodes.Add: "+", nodes.Sub: "-", nodes.Mul: "*", nodes.Div: "/", nodes.FloorDiv: "//",
    nodes.Mod: "%", nodes.Pow: "**", nodes.And: "and", nodes.Or: "or", nodes.Concat: "~",
}
_COMPARE_TEXT = {"eq": "==", "ne": "!=", "lt": "<", "lteq": "<=", "gt": ">", "gteq": ">=",
                 "in": "in", "notin": "not in"}


def source(node: nodes.Node | None) -> str:
    """Return Jinja source for an expression node (quotes and spacing normalised)."""
    if node is None:
        return ""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Const):
        return repr(node.value)
    if isinstance(node, nodes.TemplateData):
        return repr(node.data)
    if isinstance(node, nodes.Getattr):
        return f"{source(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        return f"{source(node.node)}[{source(node.arg)}]"
    if isinstance(node, nodes.Slice):
        text = f"{source(node.start)}:{source(node.stop)}"
        return text + (f":{source(node.step)}" if node.step is not None else "")
    if isinstance(node, nodes.Call):
        return f"{source(node.node)}({_arguments(node)})"
    if isinstance(node, nodes.Filter):
        args = _arguments(node)
        head = f"{source(node.node)}|" if node.node is not None else ""
        return f"{head}{node.name}" + (f"({args})" if args else "")
    if isinstance(node, nodes.Test):
        args = _arguments(node)
        return f"{source(node.node)} is {node.name}" + (f"({args})" if args else "")
    if isinstance(node, nodes.Concat):
        return " ~ ".join(_wrapped(n) for n in node.nodes)
    if isinstance(node, nodes.BinExpr):
        return f"{_wrapped(node.left)} {_BINARY.get(type(node), node.operator)} {_wrapped(node.right)}"
    if isinstance(node, nodes.Not):
        return f"not {_wrapped(node.node)}"
    if isinstance(node, nodes.Neg):
        return f"-{_wrapped(node.node)}"
    if isinstance(node, nodes.Pos):
        return f"+{_wrapped(node.node)}"
    if isinstance(node, nodes.Compare):
        return source(node.expr) + "".join(
            f" {_COMPARE_TEXT.get(op.op, op.op)} {_wrapped(op.expr)}" for op in node.ops)
    if isinstance(node, nodes.CondExpr):
        tail = f" else {source(node.expr2)}" if node.expr2 is not None else ""
        return f"{source(node.expr1)} if {source(node.test)}{tail}"
    if isinstance(node, nodes.List):
        return "[" + ", ".join(source(n) for n in node.items) + "]"
    if isinstance(node, nodes.Tuple):
        inner = ", ".join(source(n) for n in node.items)
        return f"({inner}{',' if len(node.items) == 1 else ''})"
    if isinstance(node, nodes.Dict):
        return "{" + ", ".join(f"{source(p.key)}: {source(p.value)}" for p in node.items) + "}"
    if isinstance(node, nodes.Keyword):
        return f"{node.key}={source(node.value)}"
    if isinstance(node, (nodes.MarkSafe, nodes.MarkSafeIfAutoescape)):
        return source(node.expr)
    return "…"


def _wrapped(node: nodes.Node) -> str:
    text = source(node)
    if isinstance(node, (nodes.BinExpr, nodes.Compare, nodes.CondExpr, nodes.Concat)):
        return f"({text})"
    return text


def _arguments(node: nodes.Call | nodes.Filter | nodes.Test) -> str:
    parts = [source(a) for a in node.args] + [source(k) for k in node.kwargs]
    if node.dyn_args is not None:
        parts.append("*" + source(node.dyn_args))
    if node.dyn_kwargs is not None:
        parts.append("**" + source(node.dyn_kwargs))
    return ", ".join(parts)
