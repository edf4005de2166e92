"""The graph of a guided-decision flow: where answers lead, what can be reached, loops, the longest walk, the outline."""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import FlowAnswer, FlowOutcome, FlowQuestion, FlowSpec

MAX_QUESTIONS_ON_A_PATH = 7


def successors(spec: FlowSpec, node_id: str) -> list[str]:
    """The nodes a node's answers lead to (none for an outcome or an unknown id)."""
    node = spec.node(node_id)
    return [a.next for a in node.answers] if isinstance(node, FlowQuestion) else []


def reachable(spec: FlowSpec) -> set[str]:
    """Every node id a reader can reach from the first question."""
    seen: set[str] = set()
    todo = [spec.start]
    while todo:
        node_id = todo.pop()
        if node_id in seen or spec.node(node_id) is None:
            continue
        seen.add(node_id)
        todo.extend(successors(spec, node_id))
    return seen


def find_cycle(spec: FlowSpec) -> list[str] | None:
    """A loop of node ids reachable from the start (first node repeated at the end), or None."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    path: list[str] = []

    def visit(node_id: str) -> list[str] | None:
        if spec.node(node_id) is None or state.get(node_id) == 2:
            return None
        if state.get(node_id) == 1:
            return path[path.index(node_id):] + [node_id]
        state[node_id] = 1
        path.append(node_id)
        for nxt in successors(spec, node_id):
            found = visit(nxt)
            if found:
                return found
        path.pop()
        state[node_id] = 2
        return None

    return visit(spec.start)


def longest_path(spec: FlowSpec) -> list[str]:
    """The question ids on the longest walk from the start (the flow must have no loop)."""
    memo: dict[str, list[str]] = {}

    def walk(node_id: str) -> list[str]:
        if node_id not in memo:
            node = spec.node(node_id)
            if not isinstance(node, FlowQuestion):
                memo[node_id] = []
            else:
                tails = [walk(nxt) for nxt in successors(spec, node_id)]
                memo[node_id] = [node_id, *max(tails, key=len, default=[])]
        return memo[node_id]

    return walk(spec.start)


@dataclass
class OutlineNode:
    """One node as the printed outline shows it: in full where it first appears, as a cross-reference after that."""
    node: FlowQuestion | FlowOutcome
    label: str  # Q1, Q2 … for questions, A, B … for outcomes
    first: bool
    branches: list[tuple[FlowAnswer, "OutlineNode"]] = field(default_factory=list)

    @property
    def is_question(self) -> bool:
        return isinstance(self.node, FlowQuestion)

    @property
    def anchor(self) -> str:
        return ("q-" if self.is_question else "o-") + self.node.id


def outline(spec: FlowSpec) -> OutlineNode:
    """The flow as a tree from the first question, each node numbered in reading order (the flow has no loop)."""
    labels: dict[str, str] = {}

    def label_of(node: FlowQuestion | FlowOutcome) -> str:
        if node.id not in labels:
            if isinstance(node, FlowQuestion):
                labels[node.id] = f"Q{sum(1 for v in labels.values() if v.startswith('Q')) + 1}"
            else:
                labels[node.id] = chr(ord("A") + sum(1 for v in labels.values() if not v.startswith("Q")))
        return labels[node.id]

    def build(node_id: str) -> OutlineNode:
        node = spec.node(node_id)
        assert node is not None, f"flow node {node_id!r} is missing (validation lets no such flow through)"
        first = node_id not in labels
        item = OutlineNode(node, label_of(node), first)
        if first and isinstance(node, FlowQuestion):
            item.branches = [(answer, build(answer.next)) for answer in node.answers]
        return item

    return build(spec.start)
