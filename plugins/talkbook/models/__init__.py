"""Frozen TF.js models for the course: recipes, training pipeline, freeze store, MkDocs plugin.

Importing this package (or any module but ``pipeline``'s training functions) never
imports TensorFlow: a site builds from the committed artifacts without it.
"""
