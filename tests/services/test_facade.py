"""The ``Services`` facade: the names the CLI and the TUI call keep working."""

from __future__ import annotations

import pytest

from prepcoach.errors import NotFoundError
from prepcoach.services import Services
from prepcoach.settings import load_settings
from prepcoach.store import Store


@pytest.fixture
def svc(tmp_path) -> Services:
    root = tmp_path / "data"
    return Services(load_settings(data=str(root), offline=True), Store(root))


def test_edit_mentor_takes_a_field_called_name_to_rename(svc):
    svc.add_mentor("Ada")
    renamed = svc.edit_mentor("Ada", name="Ada Lovelace")
    assert renamed.name == "Ada Lovelace"
    assert [m.name for m in svc.plan().mentors] == ["Ada Lovelace"]
    with pytest.raises(NotFoundError):
        svc.edit_mentor("Grace", name="Grace Hopper")
