"""talkbook's browser-side code, shipped inside the wheel as the package ``talkbook.kernels``.

Nothing here is imported by Python: the folders hold ES modules, styles and the Python
that runs in the browser (Pyodide). :mod:`talkbook.assets` finds them through importlib.resources.
"""
