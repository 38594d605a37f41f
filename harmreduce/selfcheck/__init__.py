"""The self-check: a private ASSIST-based screen about ketamine, and a signs checklist for families."""
from .views import bp

__all__ = ["bp"]
