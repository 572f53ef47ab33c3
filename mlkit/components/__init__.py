"""spaCy pipeline components of the kit (each module registers its factory on import)."""
