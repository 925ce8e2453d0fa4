"""AI features: translation, reply suggestions, writing; prompts, privacy, language detection."""
