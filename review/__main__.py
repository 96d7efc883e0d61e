"""`python -m review` is the `review` command."""

from review.cli import main

main(prog_name="review")
