"""Linking: reports into stories (``stories``, on text features from ``text``), and an actor's
events into a journey (``journeys``).

Pure compute over records: nothing here touches the store or loads a model. A
:class:`~eventwire.link.stories.StoryIndex` takes reports one at a time and regroups the stories
near each (``regroup``); its state exports to plain records for the store to keep.
"""
