"""``python -m newsgraph`` runs the command line."""
from newsgraph.cli import main

if __name__ == "__main__":
    main()
