"""Back and forward through visited places, and the tree's reading order."""

from reader import resources
from reader.content import load_document
from reader.history import History, Position, neighbour, reading_order


def test_back_and_forward_return_in_order():
    history = History()
    a, b, c = Position("a", 3, 0.5), Position("b"), Position("c")
    history.visit(a)  # a -> b
    history.visit(b)  # b -> c
    assert history.back(c) == b
    assert history.back(b) == a
    assert history.back(a) is None
    assert history.forward(a) == b
    assert history.forward(b) == c
    assert history.forward(c) is None


def test_a_new_visit_forgets_the_way_forward():
    history = History()
    history.visit(Position("a"))
    assert history.back(Position("b")) == Position("a")
    assert history.can_go_forward
    history.visit(Position("a"))  # a -> d
    assert not history.can_go_forward
    assert history.back_list() == [Position("a")]


def test_history_keeps_the_newest_places_only():
    history = History(limit=3)
    for name in "abcde":
        history.visit(Position(name))
    assert [p.section for p in history.back_list()] == ["c", "d", "e"]


def test_reading_order_is_the_tree_top_to_bottom():
    document = load_document(resources.content_dir())
    order = reading_order(document.manifest)
    assert order[:4] == ["multilateral-diplomacy", "osce", "nato", "united-nations"]
    assert order.index("human-trafficking") == order.index("united-nations") + 1
    assert sorted(order) == sorted(document.manifest.ids())


def test_neighbours_stop_at_either_end():
    order = ["a", "b", "c"]
    assert neighbour(order, "b", 1) == "c"
    assert neighbour(order, "b", -1) == "a"
    assert neighbour(order, "c", 1) is None
    assert neighbour(order, "a", -1) is None
    assert neighbour(order, "zzz", 1) == "a"
