"""The scorers, one module each; importing this package registers all of them (see ``..scorer.register``)."""

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
