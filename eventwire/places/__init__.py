"""The places stage: toponyms found in an article, resolved against an offline gazetteer."""
