"""The workflow's states are one enum, and each member is the text stored and sent."""

from dxmon.collect import workflow
from dxmon.collect.workflow import State


def test_states_are_the_stored_texts_and_the_transitions_use_only_them():
    assert [state.value for state in State] == [
        "draft", "submitted", "approved", "returned", "published"]
    assert State.PUBLISHED == "published" and f"{State.RETURNED}" == "returned"
    reached = {target for _sources, target in workflow.TRANSITIONS.values()}
    sources = {s for sources, _target in workflow.TRANSITIONS.values() for s in sources}
    assert reached | sources == set(State)
    assert all(isinstance(s, State) for s in reached | sources)
