"""drafter: draft the annual 法治政府建设 report from a YAML fact sheet.

Pipeline: readers (``readers.sheet``) → document model (``model``) via templates
(``render``) and transforms (``numbering``) → writers (``writers.docx``, ``writers.text``).
"""

__version__ = "0.1.0"
