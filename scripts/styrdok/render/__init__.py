"""What the build writes: register views, Markdown extensions, HTML fixes, generated parts."""
