"""SkillShift: offline career planning over occupations, skills and AI exposure."""

__version__ = "0.1.0"
