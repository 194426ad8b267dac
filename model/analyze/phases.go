package analyze

import "github.com/brief-reader/brief/model"

func phases(doc *document) []model.Phase { return nil }
