--@include test_nesting
return 1
