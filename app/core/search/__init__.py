"""Free text → occupations (job titles), ESCO skills and O*NET tasks: embeddings + lexical signal."""

# corpus (results, what is searched) · lexicon and normalise (reading a title) · spelling ·
# lexical and vector (the two indexes) · titles (the title index and its cache) · query (reading a
# typed query) · matcher (the `Matcher` that combines them).
from app.core.db import TitleRow
from app.core.search.corpus import (
    OccupationMatch,
    SkillMatch,
    TaskMatch,
    corpus_texts,
    title_confidence,
)
from app.core.search.lexicon import unreadable_reason
from app.core.search.matcher import Matcher, MatchWeights
from app.core.search.query import analyse_query

__all__ = [
    "MatchWeights",
    "Matcher",
    "OccupationMatch",
    "SkillMatch",
    "TaskMatch",
    "TitleRow",
    "analyse_query",
    "corpus_texts",
    "title_confidence",
    "unreadable_reason",
]
