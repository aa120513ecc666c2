"""The tiny expression language of ``when`` conditions and ``set`` effects.

Scenario files are data, so conditions are parsed here into small closures and never handed to
Python's ``eval``. Grammar, lowest priority first::

    expr    := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := sum (("=="|"!="|"<"|"<="|">"|">=") sum)?
    sum     := unary (("+"|"-") unary)*
    unary   := "-" unary | atom
    atom    := NUMBER | STRING | "true" | "false" | NAME | "(" expr ")"
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Value = bool | int | str
Env = Mapping[str, Value]

_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+)|(?P<str>'[^']*'|\"[^\"]*\")|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op>==|!=|<=|>=|[<>()+\-]))"
)
_COMPARE = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}
_ARITH = {"+": operator.add, "-": operator.sub}
MAX_LENGTH = 500


class ExprError(ValueError):
    """A condition or effect that can't be parsed or would fail at play time."""


class UndefinedName(ExprError):
    """The expression reads a variable the scenario never declared."""

    def __init__(self, name: str) -> None:
        super().__init__(f"undefined variable '{name}'")
        self.name = name


@dataclass(frozen=True, slots=True)
class Expr:
    """A parsed expression: its source, the names it reads, its static type and its evaluator."""

    source: str
    names: frozenset[str]
    type: type
    evaluate: Callable[[Env], Value]


def _tokens(source: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    while pos < len(source):
        if source[pos:].strip() == "":
            break
        match = _TOKEN.match(source, pos)
        if not match:
            raise ExprError(f"unexpected '{source[pos:].strip()[:10]}' at character {pos + 1}")
        kind = match.lastgroup or ""
        out.append((kind, match.group(kind)))
        pos = match.end()
    return out


class _Parser:
    """Recursive descent building (closure, type, names) triples, type-checked as it goes."""

    def __init__(self, source: str, types: Mapping[str, type]) -> None:
        self.toks = _tokens(source)
        self.i = 0
        self.types = types
        self.names: set[str] = set()

    def peek(self) -> str:
        return self.toks[self.i][1] if self.i < len(self.toks) else ""

    def take(self) -> tuple[str, str]:
        if self.i >= len(self.toks):
            raise ExprError("the expression ends too early")
        self.i += 1
        return self.toks[self.i - 1]

    def parse(self) -> tuple[Callable[[Env], Value], type]:
        fn, typ = self.or_()
        if self.i < len(self.toks):
            raise ExprError(f"unexpected '{self.peek()}'")
        return fn, typ

    def _logic(self, word: str, sub: Callable[[], tuple[Any, type]]) -> tuple[Any, type]:
        fn, typ = sub()
        while self.peek() == word:
            self.take()
            rhs, rtyp = sub()
            _need(bool, typ, word)
            _need(bool, rtyp, word)
            fn = _and(fn, rhs) if word == "and" else _or(fn, rhs)
        return fn, typ

    def or_(self) -> tuple[Any, type]:
        return self._logic("or", self.and_)

    def and_(self) -> tuple[Any, type]:
        return self._logic("and", self.not_)

    def not_(self) -> tuple[Any, type]:
        if self.peek() == "not":
            self.take()
            fn, typ = self.not_()
            _need(bool, typ, "not")
            return (lambda env: not fn(env)), bool
        return self.compare()

    def compare(self) -> tuple[Any, type]:
        lhs, ltyp = self.sum_()
        if self.peek() in _COMPARE:
            op = self.take()[1]
            rhs, rtyp = self.sum_()
            if ltyp is not rtyp:
                raise ExprError(f"'{op}' compares {_name(ltyp)} with {_name(rtyp)}")
            if op not in ("==", "!=") and ltyp is not int:
                raise ExprError(f"'{op}' needs numbers, not {_name(ltyp)}")
            fn = _COMPARE[op]
            return (lambda env: fn(lhs(env), rhs(env))), bool
        return lhs, ltyp

    def sum_(self) -> tuple[Any, type]:
        fn, typ = self.unary()
        while self.peek() in _ARITH:
            op = _ARITH[self.take()[1]]
            rhs, rtyp = self.unary()
            _need(int, typ, "+/-")
            _need(int, rtyp, "+/-")
            fn = _arith(op, fn, rhs)
        return fn, typ

    def unary(self) -> tuple[Any, type]:
        if self.peek() == "-":
            self.take()
            fn, typ = self.unary()
            _need(int, typ, "-")
            return (lambda env: -fn(env)), int
        return self.atom()

    def atom(self) -> tuple[Any, type]:
        kind, text = self.take()
        if kind == "num":
            value: Value = int(text)
        elif kind == "str":
            value = text[1:-1]
        elif text in ("true", "false"):
            value = text == "true"
        elif kind == "name":
            return self.variable(text)
        elif text == "(":
            result = self.or_()
            if self.take()[1] != ")":
                raise ExprError("missing ')'")
            return result
        else:
            raise ExprError(f"unexpected '{text}'")
        return (lambda env: value), type(value)

    def variable(self, name: str) -> tuple[Any, type]:
        if name in ("and", "or", "not"):
            raise ExprError(f"'{name}' needs something on both sides")
        if name not in self.types:
            raise UndefinedName(name)
        self.names.add(name)
        return (lambda env: env[name]), self.types[name]


def _and(a: Callable[[Env], Any], b: Callable[[Env], Any]) -> Callable[[Env], Any]:
    return lambda env: a(env) and b(env)


def _or(a: Callable[[Env], Any], b: Callable[[Env], Any]) -> Callable[[Env], Any]:
    return lambda env: a(env) or b(env)


def _arith(op: Callable[[Any, Any], Any], a: Callable[[Env], Any], b: Callable[[Env], Any]) -> Callable[[Env], Any]:
    return lambda env: op(a(env), b(env))


def _name(typ: type) -> str:
    return {bool: "true/false", int: "a number", str: "text"}.get(typ, typ.__name__)


def _need(want: type, got: type, op: str) -> None:
    if got is not want:
        raise ExprError(f"'{op}' needs {_name(want)}, not {_name(got)}")


def compile_expr(source: str, types: Mapping[str, type]) -> Expr:
    """Parse and type-check ``source`` against the variables' types (``mood`` included)."""
    if len(source) > MAX_LENGTH:
        raise ExprError(f"expression longer than {MAX_LENGTH} characters")
    if not source.strip():
        raise ExprError("empty expression")
    parser = _Parser(source, types)
    fn, typ = parser.parse()
    return Expr(source, frozenset(parser.names), typ, fn)


def literal(value: Value) -> Expr:
    """An expression for a plain YAML value in ``set`` (true/false or a number)."""
    return Expr(repr(value), frozenset(), type(value), lambda env: value)
