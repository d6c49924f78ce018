"""Pure-Python core: data access, model inference, exposure and reskilling logic (no Qt)."""
