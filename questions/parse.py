"""Parse and validate one bank file; every error names the file and the offending line.

The file is composed into a YAML node tree (which keeps line marks) and the tree is
checked by hand, so that each problem points at the node that causes it.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Sequence

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from questions.model import FIELDS, GROUPS, KINDS, LOCALES, BankError, Question

SECTION_TEXT_LIMIT = 3000  # Slack's section text limit (bot.slack.limits.SECTION_TEXT)
CHOICE_TEXT_LIMIT = 75  # Block Kit button text / select option text
MIN_CHOICES = 2
MAX_CHOICES = 10

TOP_LEVEL_KEYS = ("group", "questions", "disable")
QUESTION_KEYS = ("key", "field", "kind", "text", "choices", "enabled")
REQUIRED_QUESTION_KEYS = ("key", "field", "kind", "text")

KEY_PATTERN = re.compile(r"[a-z0-9_.]+")
_NULL_TAG = "tag:yaml.org,2002:null"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_STR_TAG = "tag:yaml.org,2002:str"
# The line breaks PyYAML counts, so that our line numbers match its marks.
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


@dataclasses.dataclass(frozen=True)
class DisableEntry:
    key: str
    line: int


@dataclasses.dataclass(frozen=True)
class BankFile:
    """What one file contributes: new questions and keys to disable."""

    path: str
    questions: tuple[Question, ...]
    disable: tuple[DisableEntry, ...]


def parse_bank_file(*, data: bytes, path: str) -> BankFile:
    """Validate one bank file's bytes; raise BankError at the first problem."""
    text = _decode(data, path)
    _reject_tab_indentation(text, path)
    root = _compose(text, path)
    return _Parser(path).file(root)


def _decode(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise BankError(path, line, "file is not valid UTF-8; save it as UTF-8") from None


def _reject_tab_indentation(text: str, path: str) -> None:
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        stripped = line.lstrip(" \t")
        indent = line[: len(line) - len(stripped)]
        if "\t" in indent and stripped:
            column = indent.index("\t") + 1
            raise BankError(path, number, f"tab character at column {column}; indent with spaces")


def _compose(text: str, path: str) -> Node:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        if mark is not None and "'\\t'" in (error.problem or ""):
            column = mark.column + 1
            raise BankError(path, line, f"tab character at column {column}; use spaces") from None
        detail = error.problem or error.context or "syntax error"
        if error.context and error.problem:
            context = error.context
            if error.context_mark is not None and error.context_mark.line + 1 != line:
                context += f" at line {error.context_mark.line + 1}"
            detail = f"{error.problem} ({context})"
        raise BankError(path, line, f"invalid YAML: {detail}") from None
    except yaml.reader.ReaderError as error:
        line = text[: int(error.position)].count("\n") + 1
        raise BankError(path, line, f"invalid YAML: {error.reason}") from None
    if root is None:
        raise BankError(path, 1, "file is empty; expected top-level keys 'group' and 'questions'")
    return root


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == _NULL_TAG:
        return "nothing"
    value = str(node.value)
    return repr(value if len(value) <= 40 else value[:37] + "...")


def _choose(value: str, allowed: Sequence[str]) -> str:
    """The list of allowed values, plus a suggestion when the value is a near miss."""
    hint = f"expected one of: {', '.join(allowed)}"
    close = difflib.get_close_matches(value, allowed, n=1)
    if close:
        hint += f" (did you mean '{close[0]}'?)"
    return hint


class _Parser:
    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, node: Node, message: str) -> BankError:
        return BankError(self.path, _line(node), message)

    # -- generic node helpers -------------------------------------------------

    def mapping(
        self, node: Node, *, what: str, allowed: Sequence[str], noun: str = "key"
    ) -> dict[str, Node]:
        """The mapping's values by key; rejects duplicate and unknown keys."""
        if not isinstance(node, MappingNode):
            raise self.fail(node, f"{what} must be a mapping, found {_describe(node)}")
        values: dict[str, Node] = {}
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise self.fail(key_node, f"{what} keys must be plain words")
            name = str(key_node.value)
            if name in values:
                raise self.fail(
                    key_node, f"duplicate key '{name}' in {what} (first at line {lines[name]})"
                )
            if name not in allowed:
                raise self.fail(
                    key_node, f"unknown {noun} '{name}' in {what}; {_choose(name, allowed)}"
                )
            values[name] = value_node
            lines[name] = _line(key_node)
        return values

    def string(self, node: Node, *, what: str) -> str:
        if not isinstance(node, ScalarNode) or node.tag == _NULL_TAG:
            raise self.fail(node, f"{what} must be text, found {_describe(node)}")
        return str(node.value).strip()

    def sequence(self, node: Node, *, what: str) -> list[Node]:
        if not isinstance(node, SequenceNode):
            raise self.fail(node, f"{what} must be a list, found {_describe(node)}")
        return list(node.value)

    # -- the file -------------------------------------------------------------

    def file(self, root: Node) -> BankFile:
        if not isinstance(root, MappingNode):
            raise self.fail(
                root,
                "the file must be a mapping with top-level keys 'group' and 'questions', "
                f"found {_describe(root)}",
            )
        top = self.mapping(root, what="the top level", allowed=TOP_LEVEL_KEYS)
        questions: tuple[Question, ...] = ()
        if "questions" not in top and ("group" in top or "disable" not in top):
            # Only a file that disables questions and nothing else may leave it out.
            raise self.fail(root, "missing top-level key 'questions' (a list of questions)")
        if "questions" in top:
            if "group" not in top:
                raise self.fail(
                    root, f"missing top-level key 'group'; expected one of: {', '.join(GROUPS)}"
                )
            group = self.group(top["group"])
            items = self.sequence(top["questions"], what="'questions'")
            questions = tuple(self.question(item, group=group) for item in items)
        disable = self.disable(top["disable"]) if "disable" in top else ()
        return BankFile(path=self.path, questions=questions, disable=disable)

    def group(self, node: Node) -> str:
        group = self.string(node, what="'group'")
        if group not in GROUPS:
            raise self.fail(node, f"unknown group '{group}'; {_choose(group, GROUPS)}")
        return group

    def disable(self, node: Node) -> tuple[DisableEntry, ...]:
        items = self.sequence(node, what="'disable'")
        return tuple(
            DisableEntry(key=self.string(item, what="each 'disable' entry"), line=_line(item))
            for item in items
        )

    # -- one question ---------------------------------------------------------

    def question(self, node: Node, *, group: str) -> Question:
        values = self.mapping(node, what="a question", allowed=QUESTION_KEYS)
        for name in REQUIRED_QUESTION_KEYS:
            if name not in values:
                raise self.fail(node, f"question is missing '{name}'{self.hint_for(name)}")
        key = self.key(values["key"])
        field = self.one_of(values["field"], what="field", allowed=FIELDS)
        kind = self.one_of(values["kind"], what="kind", allowed=KINDS)
        text = self.texts(
            values["text"], what="text", owner="question", limit=SECTION_TEXT_LIMIT, where="section"
        )
        choices = self.choices(values.get("choices"), kind=kind, question=node)
        enabled = self.enabled(values["enabled"]) if "enabled" in values else True
        return Question(
            key=key,
            group=group,
            field=field,
            kind=kind,
            text=text,
            choices=choices,
            enabled=enabled,
            source=self.path,
            line=_line(node),
        )

    @staticmethod
    def hint_for(name: str) -> str:
        hints = {
            "key": " (a stable id such as 'sales.common_objections')",
            "field": f"; expected one of: {', '.join(FIELDS)}",
            "kind": f"; expected one of: {', '.join(KINDS)}",
            "text": f" (text in every locale: {', '.join(LOCALES)})",
        }
        return hints[name]

    def key(self, node: Node) -> str:
        key = self.string(node, what="'key'")
        if not KEY_PATTERN.fullmatch(key):
            raise self.fail(
                node,
                f"invalid question key '{key}'; use only lowercase letters, digits, '_' and '.' "
                "(e.g. 'sales.common_objections')",
            )
        return key

    def one_of(self, node: Node, *, what: str, allowed: Sequence[str]) -> str:
        value = self.string(node, what=f"'{what}'")
        if value not in allowed:
            raise self.fail(node, f"unknown {what} '{value}'; {_choose(value, allowed)}")
        return value

    def texts(self, node: Node, *, what: str, owner: str, limit: int, where: str) -> dict[str, str]:
        values = self.mapping(node, what=what, allowed=LOCALES, noun="locale")
        for locale in LOCALES:
            if locale not in values:
                raise self.fail(
                    node,
                    f"{what} is missing locale '{locale}'; "
                    f"every {owner} needs text in: {', '.join(LOCALES)}",
                )
        texts: dict[str, str] = {}
        for locale in LOCALES:
            value_node = values[locale]
            label = f"{what} for locale '{locale}'"
            if isinstance(value_node, ScalarNode) and value_node.tag == _NULL_TAG:
                raise self.fail(value_node, f"{label} is empty")
            text = self.string(value_node, what=label)
            if not text:
                raise self.fail(value_node, f"{label} is empty")
            if len(text) > limit:
                raise self.fail(
                    value_node,
                    f"{label} is {len(text)} characters long; "
                    f"Slack allows at most {limit} in a {where}",
                )
            texts[locale] = text
        return texts

    def choices(
        self, node: Node | None, *, kind: str, question: Node
    ) -> tuple[dict[str, str], ...]:
        if kind != "choice":
            if node is not None:
                raise self.fail(
                    node,
                    f"'choices' is only allowed on questions with kind: choice "
                    f"(this one is kind: {kind})",
                )
            return ()
        if node is None:
            raise self.fail(
                question,
                f"a choice question needs 'choices': a list of {MIN_CHOICES} to {MAX_CHOICES} "
                f"options, each with text in: {', '.join(LOCALES)}",
            )
        items = self.sequence(node, what="'choices'")
        if not MIN_CHOICES <= len(items) <= MAX_CHOICES:
            raise self.fail(
                node,
                f"'choices' has {len(items)} option(s); give between {MIN_CHOICES} "
                f"and {MAX_CHOICES}",
            )
        choices: list[dict[str, str]] = []
        seen: dict[str, int] = {}
        for number, item in enumerate(items, start=1):
            choice = self.texts(
                item,
                what=f"choice {number}",
                owner="choice",
                limit=CHOICE_TEXT_LIMIT,
                where="button or option",
            )
            label = choice[LOCALES[0]]
            if label in seen:
                raise self.fail(item, f"choice {number} repeats choice {seen[label]} ('{label}')")
            seen[label] = number
            choices.append(choice)
        return tuple(choices)

    def enabled(self, node: Node) -> bool:
        if isinstance(node, ScalarNode) and node.tag == _BOOL_TAG:
            return bool(yaml.SafeLoader.bool_values[str(node.value).lower()])
        found = _describe(node)
        if isinstance(node, ScalarNode) and node.tag == _STR_TAG and node.style in ("'", '"'):
            found = f"the quoted text {found}; remove the quotes"
        raise self.fail(node, f"'enabled' must be true or false, found {found}")
