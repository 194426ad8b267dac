package analyze

import "github.com/brief-reader/brief/model"

func keyPoints(doc *document) ([]model.KeyPoint, string) { return nil, "" }
