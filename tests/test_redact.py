"""--redact: known names off the wire, back in the answer (also across stream chunks)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from prepcoach.models import Mentor, Plan, Profile
from prepcoach.redact import Redactor


def plan() -> Plan:
    return Plan(
        profile=Profile(
            name="Dana Whitfield",
            organisation="Lumen Freight",
            manager="Rob Castellano",
            email="dana@lumen.example",
            private_names=["Kestrel Logistics", "Tomás Reyes"],
        ),
        mentors=[
            Mentor(id="priya", name="Priya Raman", organisation="Lumen Freight"),
            Mentor(
                id="mark",
                name="Mark Ode",
                organisation="Harbor",
                recommended_by="Nadia Farouk (VP Eng, Corvid)",
            ),
        ],
    )


def test_names_become_placeholders_and_come_back():
    r = Redactor.from_plan(plan())
    text = (
        "Priya Raman said priya's view on Kestrel Logistics matters; "
        "ask Priya and Rob. Mail dana@lumen.example. Tomás Reyes at LUMEN FREIGHT. "
        "Nadia Farouk introduced Mark."
    )
    out = r.redact(text)
    for name in ("Priya", "Kestrel", "Rob", "dana@", "Tomás", "LUMEN", "Nadia", "Mark"):
        assert name not in out, (name, out)
    assert "[PERSON_" in out and "[ORG_" in out and "[NAME_" in out and "[EMAIL_" in out
    back = r.restore(out)
    assert "Priya Raman said" in back
    assert "Kestrel Logistics" in back and "Rob" in back and "Tomás Reyes" in back


def test_first_name_that_is_a_common_word_stays_a_word():
    r = Redactor.from_plan(plan())
    out = r.redact("Please mark this done; Mark will review.")
    assert out.startswith("Please mark this done;")
    assert "Mark will" not in out


def test_restore_is_case_insensitive_on_placeholders():
    r = Redactor.build(people=["Priya Raman"])
    assert r.restore("Hi [person_1_first], thanks [Person_1]") == "Hi Priya, thanks Priya Raman"


def test_stream_restorer_handles_a_placeholder_cut_in_pieces():
    r = Redactor.build(people=["Priya Raman"], organisations=["Lumen Freight"])
    redacted = r.redact("Dear Priya, Priya Raman at Lumen Freight [sic] agrees.")
    for size in range(1, 12):
        s = r.stream()
        out = "".join(s.feed(redacted[i : i + size]) for i in range(0, len(redacted), size))
        out += s.flush()
        assert out == "Dear Priya, Priya Raman at Lumen Freight [sic] agrees.", size


@given(st.text(alphabet="abc [PERSON_1]ORGx_9", max_size=60), st.integers(1, 7))
def test_stream_equals_whole_restore(text, size):
    r = Redactor.build(people=["Priya Raman"], organisations=["Acme"])
    s = r.stream()
    out = "".join(s.feed(text[i : i + size]) for i in range(0, len(text), size)) + s.flush()
    assert out == r.restore(text)


def test_empty_plan_is_a_no_op():
    r = Redactor.from_plan(Plan())
    assert not r
    assert r.redact("Priya") == "Priya"


# ---------------------------------------------------------------- names in the history


def test_names_found_in_free_text():
    from prepcoach.redact_names import find_names

    found = find_names(
        [
            "Intro to Carla Nunes, Shipper Experience's new eng director.",
            "Finance signed off. Ask Tomás about it with VP Dana Ortiz on Monday.",
            "Dir. Sam Lee joined. We shipped the Q1 API work.",
        ]
    )
    assert {"Carla Nunes", "Shipper Experience", "Tomás", "Dana Ortiz", "Sam Lee"} <= set(found)
    # a sentence's first word, acronyms, titles and days are not names
    assert not {"Finance", "Intro", "Ask", "VP", "Dir", "Q1", "API", "Monday", "We"} & set(found)


def test_with_found_redacts_history_names_and_restores_them():
    from prepcoach.redact import Redactor

    base = Redactor.build(people=["Priya Raman"], organisations=["Kestrel Logistics"])
    history = ["Intro to Carla Nunes, Shipper Experience's new eng director; Priya agreed."]
    r = base.with_found(history)
    sent = r.redact("Should I bring Carla Nunes to Shipper Experience with Priya Raman?")
    assert "Carla" not in sent and "Shipper" not in sent and "Priya" not in sent
    assert r.restore(sent) == "Should I bring Carla Nunes to Shipper Experience with Priya Raman?"
    assert base.redact("Carla Nunes") == "Carla Nunes"  # the original is unchanged
