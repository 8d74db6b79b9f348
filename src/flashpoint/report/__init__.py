"""Plots and reports of ensembles."""
