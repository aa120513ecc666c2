"""Service Recovery Simulator: practise turning a customer's OOPS into WOW.

Packages in layers; imports go down only (pyproject.toml's import contracts, run by the tests):
gui > cli > reports | xapi | authoring > store > engine > scenario. Below them all: ``charts``
(QtGui painting shared by the PDF and the GUI), ``resources``, ``userdirs``, ``lazy``, ``errors``.
``app`` is the one door from the command line into the GUI.
"""

__version__ = "0.1.0"
