"""Each word-form rule of search/dutch.py, on its own: deleting a rule fails its test.

(docs/testing.md: checked by deleting each rule and by mutmut.)
"""

import pytest

from modelsearch.query import And, Or, PlainText

from search.dutch import MAX_WORDS, expand, plurals, singulars, word_forms


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("foto's", "foto"),  # apostrophe s
        ("stages", "stage"),  # -s
        ("leerlingen", "leerling"),  # -en
        ("bedden", "bed"),  # double consonant before -en
        ("bedrijven", "bedrijf"),  # v -> f
        ("huizen", "huis"),  # z -> s
        ("scholen", "school"),  # open syllable: the vowel doubles
    ],
)
def test_singular_rules(plural, singular):
    assert singular in singulars(plural)


def test_singulars_leave_short_words_alone():
    assert singulars("bus") == set()
    assert singulars("taks") == {"tak"}  # four letters are enough
    assert singulars("oven") == set()  # -en needs a word longer than 4 letters


def test_singulars_do_not_strip_a_double_s_or_double_a_vowel():
    assert singulars("stress") == set()
    assert singulars("zeeen") == {"zee"}  # "ee" is a vowel pair, not a doubled consonant
    assert singulars("duwen") == {"duw"}  # no doubled vowel before w
    assert singulars("stages") == {"stage"}


def test_singulars_exact_sets():
    assert singulars("bedrijven") == {"bedrijv", "bedrijf"}
    assert singulars("huizen") == {"huiz", "huis"}
    assert singulars("scholen") == {"schol", "school"}
    assert singulars("bedden") == {"bedd", "bed"}


@pytest.mark.parametrize(
    ("singular", "expected"),
    [
        ("stage", {"stages", "stagen"}),  # vowel: -s, and -n after e
        ("collega", {"collegas"}),  # vowel other than e: -s only
        ("mentor", {"mentors", "mentorren", "mentoren"}),  # consonant: -s, -en
        ("bedrijf", {"bedrijfs", "bedrijven", "bedrijfen"}),  # f -> v
        ("huis", {"huiss", "huizen", "huisen"}),  # s -> z
        ("school", {"schools", "scholen", "schoolen"}),  # long vowel -> one vowel
        ("bed", {"beds", "bedden", "beden"}),  # short vowel -> double consonant
        ("duw", {"duws", "duwen"}),  # no doubling after w
        ("kompass", {"kompasss", "kompassen"}),  # ss stays
    ],
)
def test_plural_rules(singular, expected):
    assert plurals(singular) == expected


def test_plurals_leave_short_words_alone():
    assert plurals("ik") == set()
    assert plurals("bed")  # three letters are enough


def test_word_forms_fold_and_only_add_plurals_to_singular_looking_words():
    assert word_forms("Stages") == {"stages", "stage"}
    assert word_forms("Scholen") == {"scholen", "schol", "school"}
    assert word_forms("Bedrijf") == {"bedrijf", "bedrijfs", "bedrijven", "bedrijfen"}
    assert word_forms("Éénmanszaak") >= {"eenmanszaak", "eenmanszaken"}


def test_expand_builds_and_of_ors_and_caps_the_words():
    query = expand("stages scholen")
    assert isinstance(query, And)
    assert [
        sorted(form.query_string for form in clause.subqueries) for clause in query.subqueries
    ] == [
        ["stage", "stages"],
        ["schol", "scholen", "school"],
    ]
    any_word = expand("stages scholen", operator="or")
    assert isinstance(any_word, Or)
    assert [len(clause.subqueries) for clause in any_word.subqueries] == [2, 3]
    # Only underscores is no word; any other \w run is (mutmut: strip("_") exactly).
    assert expand("XX") is not None
    single = expand("stage")
    assert isinstance(single, Or) and all(isinstance(q, PlainText) for q in single.subqueries)
    assert expand("  __ !! ") is None
    many = expand(" ".join(f"woord{n}" for n in range(MAX_WORDS + 3)))
    assert len(many.subqueries) == MAX_WORDS


def test_expand_adds_both_parts_of_a_compound_that_split_knows():
    asked = []

    def split(word):
        asked.append(word)
        return ("stage", "plaats") if word == "stageplaats" else None

    query = expand("Stageplaats Gent", split=split)
    assert asked == ["stageplaats", "gent"]  # folded before asking
    compound, place = query.subqueries
    whole = [q.query_string for q in compound.subqueries if isinstance(q, PlainText)]
    assert sorted(whole) == sorted(word_forms("stageplaats"))
    (parts,) = [q for q in compound.subqueries if isinstance(q, And)]
    assert [sorted(p.query_string for p in part.subqueries) for part in parts.subqueries] == [
        sorted(word_forms("stage")),
        sorted(word_forms("plaats")),
    ]
    assert all(isinstance(q, PlainText) for q in place.subqueries)  # not split
    # Without `split` nothing changes.
    assert not any(isinstance(q, And) for q in expand("stageplaats").subqueries)
