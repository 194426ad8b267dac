package analyze

import "github.com/brief-reader/brief/model"

// quotesAndPeople finds the direct quotes of the document and the people
// and organizations it names. (Being written: see the quotes work.)
func quotesAndPeople(doc *document) ([]model.Quote, []model.Person) {
	return nil, nil
}
