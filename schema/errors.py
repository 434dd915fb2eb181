"""ThiduaError: an expected failure (bad input, locked database) that the CLI prints as one line."""


class ThiduaError(Exception):
    """Raised for failures a user can act on; `thidua` prints `Error: <message>` and exits `exit_code`."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code
