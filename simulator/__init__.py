"""Service Recovery Simulator: practise turning a customer's OOPS into WOW."""

__version__ = "0.1.0"
