"""Run the command-line interface with ``python -m workbook``."""

from workbook.cli.commands import main

if __name__ == "__main__":
    main()
