"""Odd Duck: a serious game about the people side of IT projects."""
