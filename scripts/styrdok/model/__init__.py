"""The site as editors write it, read once: files, front matter, data files, facts."""
