"""The self-assessment workbook: its layout contract, finding cells, writing, guarded reading and upgrading.

``layout`` (the contract) and ``locate`` (the one place that finds cells) are shared by ``write/``
(one module per sheet kind), ``read`` (guard → package scan → calamine cells → items → fields) and
``upgrade``; ``people`` reads respondent lists and ``inputs`` says what a file in a folder is.
"""
